/** Wire types of the merchant's catalog answers that the console reads. */

/** A variant at or under the low-stock threshold, with its product. */
export interface LowStockVariant {
  readonly productId: string;
  readonly productTitle: string;
  readonly variantId: string;
  readonly sku: string;
  readonly options: Readonly<Record<string, string>>;
  readonly stock: number;
}

/** `GET /api/v1/stock/low`: the store's variants running low, fewest first (drafts and active products). */
export interface LowStockReport {
  readonly threshold: number;
  readonly items: readonly LowStockVariant[];
  /** Variants at or under the threshold, of which `items` shows the first. */
  readonly total: number;
}

