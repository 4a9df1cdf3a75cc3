/** A cart as the shopper sees it: today's prices and stock, and what changed since adding. */
export interface CartView {
  readonly id: string | null;
  readonly currency: string | null;
  readonly lines: readonly CartLineView[];
  readonly itemCount: number;
  /** Sum of the available lines at today's prices, minor units. */
  readonly subtotal: number;
}

export interface CartLineView {
  readonly id: string;
  readonly sku: string;
  readonly quantity: number;
  readonly productTitle: string | null;
  readonly productSlug: string | null;
  readonly options: Readonly<Record<string, string>>;
  /** Today's unit price; null when the variant no longer exists. */
  readonly unitPrice: number | null;
  readonly priceWhenAdded: number;
  readonly priceChanged: boolean;
  readonly available: boolean;
  readonly stock: number;
  readonly lineTotal: number;
}

export const EMPTY_CART: CartView = { id: null, currency: null, lines: [], itemCount: 0, subtotal: 0 };
