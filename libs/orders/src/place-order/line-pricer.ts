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
}

/**
 * Prices every line from the catalog as it is now; what the client sent is only a claim to
 * check. Unknown or inactive SKUs, mixed currencies and changed prices are refused with details.
 */
export async function priceLines(
  tx: TenantTransaction,
  lines: readonly CartLineInput[],
  options: { lockForStock?: boolean } = {},
): Promise<PricedCart> {
  // With lockForStock the variant rows are locked in id order (StockReservations' lock order),
  // so pricing and taking stock need one read, not two.
  const rows = await tx.query<VariantRow[]>(
    `SELECT v.id, v.sku, p.title, coalesce(v.price_amount, p.price_amount) AS unit_amount, p.currency, v.flash_sale, v.stock
       FROM variants v JOIN products p ON p.id = v.product_id
      WHERE v.sku = ANY($1::text[]) AND p.status = 'active'
      ${options.lockForStock ? 'ORDER BY v.id FOR UPDATE OF v' : ''}`,
    [lines.map((line) => line.sku)],
  );
  const bySku = new Map(rows.map((row) => [row.sku, row]));
  const unknown = lines.flatMap((line, i) => (bySku.has(line.sku) ? [] : [{ field: `lines.${i}.sku`, message: `unknown SKU ${line.sku}` }]));
  if (unknown.length > 0) throw new InvalidOrderError('some items are not for sale', unknown);

  const currencies = new Set(rows.map((row) => row.currency));
  if (currencies.size > 1) throw new InvalidOrderError(`items are priced in different currencies: ${[...currencies].join(', ')}`);
  const currency = rows[0]!.currency;

  const priced = lines.map((line, lineNo): PricedLine => {
    const row = bySku.get(line.sku)!;
    const unitAmount = toAmount(row.unit_amount);
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
    };
  });
  const changed = lines.flatMap((line, i) => {
    const expected = line.expectedUnitPrice;
    const now = priced[i]!;
    if (!expected || (expected.amount === now.unitAmount && expected.currency === currency)) return [];
    return [{ field: `lines.${i}.expectedUnitPrice`, message: `the price is now ${now.unitAmount} ${currency}` }];
  });
  if (changed.length > 0) throw new PriceChangedError('prices changed since the cart was shown', changed);

  return { lines: priced, currency, subtotal: priced.reduce((sum, line) => sum + line.lineAmount, 0) };
}
