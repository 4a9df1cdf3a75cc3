import type { TaxCategory } from '@storefront/pricing';
import type { TenantTransaction } from '@storefront/tenancy';
import { InvalidOrderError, PriceChangedError } from '../checkout-errors';
import { toAmount } from '../money';
import type { CartLineInput } from './place-order.input';

export interface PricedLine {
  readonly lineNo: number;
  readonly variantId: string;
  readonly sku: string;
  readonly title: string;
  readonly quantity: number;
  readonly unitAmount: number;
  readonly lineAmount: number;
  readonly flashSale: boolean;
  /** Stock when priced; final only when the rows were locked (lockForStock). */
  readonly stock: number;
  readonly taxCategory: TaxCategory;
  readonly weightGrams: number;
  readonly categoryIds: readonly string[];
  /** The scheduled sale whose price `unitAmount` is, while one runs for the variant. */
  readonly sale: LineSale | null;
}

export interface LineSale {
  readonly saleId: string;
  readonly regularUnitAmount: number;
  readonly endsAt: Date;
  readonly perCustomerLimit: number | null;
}

export interface PricedCart {
  readonly lines: readonly PricedLine[];
  readonly currency: string;
  readonly subtotal: number;
}

interface VariantRow {
  id: string;
  sku: string;
  title: string;
  unit_amount: string;
  currency: string;
  flash_sale: boolean;
  stock: number;
  tax_category: TaxCategory;
  weight_grams: number;
  category_ids: string[];
  sale_id: string | null;
  sale_amount: string | null;
  sale_ends_at: Date | null;
  sale_per_customer_limit: number | null;
}

/**
 * The variant's price now: the lowest sale price of a sale running at `$2` whose stock cap is not
 * reached yet, else its own price, else the product's.
 */
const VARIANTS_QUERY = `
  SELECT v.id, v.sku, p.title, coalesce(v.price_amount, p.price_amount) AS unit_amount, p.currency, v.flash_sale, v.stock,
         coalesce(v.tax_category, p.tax_category) AS tax_category, v.weight_grams,
         ARRAY(SELECT pc.category_id::text FROM product_categories pc WHERE pc.product_id = p.id) AS category_ids,
         s.sale_id, s.sale_amount, s.ends_at AS sale_ends_at, s.per_customer_limit AS sale_per_customer_limit
    FROM variants v JOIN products p ON p.id = v.product_id
    LEFT JOIN LATERAL (
      SELECT sp.sale_id, sp.sale_amount, sa.ends_at, sa.per_customer_limit
        FROM sale_prices sp JOIN sales sa ON sa.id = sp.sale_id
       WHERE sp.variant_id = v.id AND sa.starts_at <= $2 AND $2 < sa.ends_at
         AND (sp.stock_cap IS NULL OR sp.sold - (SELECT coalesce(sum(u.quantity), 0) FROM sale_purchases u
                                                  WHERE u.sale_id = sp.sale_id AND u.variant_id = sp.variant_id AND u.order_id = $3) < sp.stock_cap)
       ORDER BY sp.sale_amount, sa.ends_at, sp.sale_id LIMIT 1) s ON true
   WHERE v.sku = ANY($1::text[]) AND p.status = 'active'`;

/**
 * Prices every line from the catalog as it is now; what the client sent is only a claim to
 * check. Unknown or inactive SKUs, mixed currencies and risen prices are refused with details.
 */
export async function priceLines(
  tx: TenantTransaction,
  lines: readonly CartLineInput[],
  options: { lockForStock?: boolean; now?: Date; heldBy?: string | null } = {},
): Promise<PricedCart> {
  // With lockForStock the variant rows are locked in id order (StockReservations' lock order),
  // so pricing and taking stock need one read, not two.
  const rows = await tx.query<VariantRow[]>(`${VARIANTS_QUERY} ${options.lockForStock ? 'ORDER BY v.id FOR UPDATE OF v' : ''}`, [
    lines.map((line) => line.sku),
    options.now ?? new Date(),
    options.heldBy ?? null,
  ]);
  const bySku = new Map(rows.map((row) => [row.sku, row]));
  const unknown = lines.flatMap((line, i) => (bySku.has(line.sku) ? [] : [{ field: `lines.${i}.sku`, message: `unknown SKU ${line.sku}` }]));
  if (unknown.length > 0) throw new InvalidOrderError('some items are not for sale', unknown);

  const currencies = new Set(rows.map((row) => row.currency));
  if (currencies.size > 1) throw new InvalidOrderError(`items are priced in different currencies: ${[...currencies].join(', ')}`);
  const currency = rows[0]!.currency;

  const priced = lines.map((line, lineNo): PricedLine => {
    const row = bySku.get(line.sku)!;
    const regularUnitAmount = toAmount(row.unit_amount);
    const sale: LineSale | null =
      row.sale_id === null ? null : { saleId: row.sale_id, regularUnitAmount, endsAt: row.sale_ends_at!, perCustomerLimit: row.sale_per_customer_limit };
    const unitAmount = sale ? toAmount(row.sale_amount!) : regularUnitAmount;
    return {
      lineNo,
      variantId: row.id,
      sku: row.sku,
      title: row.title,
      quantity: line.quantity,
      unitAmount,
      lineAmount: unitAmount * line.quantity,
      flashSale: row.flash_sale,
      stock: row.stock,
      taxCategory: row.tax_category,
      weightGrams: row.weight_grams,
      categoryIds: row.category_ids,
      sale,
    };
  });
  const changed = lines.flatMap((line, i) => {
    const expected = line.expectedUnitPrice;
    const now = priced[i]!;
    // A price that fell (a sale began) is charged as it is now; only a rise needs the shopper's yes.
    if (!expected || (now.unitAmount <= expected.amount && expected.currency === currency)) return [];
    return [{ field: `lines.${i}.expectedUnitPrice`, message: `the price is now ${now.unitAmount} ${currency}` }];
  });
  if (changed.length > 0) throw new PriceChangedError('prices changed since the cart was shown', changed);

  return { lines: priced, currency, subtotal: priced.reduce((sum, line) => sum + line.lineAmount, 0) };
}
