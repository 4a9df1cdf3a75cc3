import type { DiscountCode } from '@storefront/pricing';
import type { TenantTransaction } from '@storefront/tenancy';
import { InvalidOrderError, PriceChangedError } from '../checkout-errors';
import type { PricedLine } from '../place-order/line-pricer';
import { SellingRefusedError } from './selling-refused.error';
import { PricingError } from '@storefront/pricing';

/** Who a limit counts: a signed-in customer, or a guest by their email (two browsers, one shopper). */
export function customerKeyOf(customerId: string | null | undefined, email: string | null | undefined): string | null {
  if (customerId) return `customer:${customerId}`;
  return email ? `email:${email.trim().toLowerCase()}` : null;
}

/**
 * Usage limits of codes and sales, exact under concurrency: `check*` locks the code's (or the
 * sale prices') rows and refuses before anything is written, `record*` writes the use in the same
 * transaction. A payment attempt that ends without an order gives the uses back (trigger of tenant
 * migration 0016).
 */
export class Redemptions {
  /**
   * A total limit locks the code's row (every use of it waits in line: exact, and the price of a
   * limit); a per-customer limit alone locks only that customer's uses (an advisory lock on code
   * and customer), and a code without limits takes no lock at all.
   */
  async checkCode(tx: TenantTransaction, code: DiscountCode, customerKey: string | null): Promise<void> {
    if (code.usageLimit === null && code.perCustomerLimit === null) return;
    if (code.usageLimit === null && customerKey !== null) {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`discount:${code.id}:${customerKey}`]);
    }
    const [row] = await tx.query<{ times_used: number; usage_limit: number | null; mine: number }[]>(
      `SELECT c.times_used, c.usage_limit,
              (SELECT count(*)::int FROM discount_redemptions r WHERE r.code_id = c.id AND r.customer_key = $2) AS mine
         FROM discount_codes c WHERE c.id = $1 ${code.usageLimit === null ? '' : 'FOR UPDATE'}`,
      [code.id, customerKey],
    );
    if (!row) throw new SellingRefusedError(new PricingError('code_not_found', 'discountCode', `there is no code ${code.code} in this store`, 404));
    if (row.usage_limit !== null && row.times_used >= row.usage_limit) {
      throw new SellingRefusedError(new PricingError('code_used_up', 'discountCode', `the code ${code.code} has been used up`));
    }
    if (code.perCustomerLimit !== null) {
      if (customerKey === null) throw new InvalidOrderError('this code is limited per customer: sign in or give your email', [{ field: 'email', message: 'is required for this code' }]);
      if (row.mine >= code.perCustomerLimit) throw new SellingRefusedError(new PricingError('code_used_up', 'discountCode', `you have already used the code ${code.code}`));
    }
  }

  /** The redemption row always (it is the count merchants see); the counter only where a total limit reads it. */
  async recordCode(tx: TenantTransaction, code: DiscountCode, orderId: string, customerKey: string | null): Promise<void> {
    await tx.query(
      `WITH r AS (INSERT INTO discount_redemptions (code_id, order_id, customer_key) VALUES ($1, $2, $3))
       UPDATE discount_codes SET times_used = times_used + 1 WHERE id = $1 AND $4`,
      [code.id, orderId, customerKey ?? `order:${orderId}`, code.usageLimit !== null],
    );
  }

  /** Sale lines: the stock cap still has room (else the price is regular again) and the shopper's limit holds. */
  async checkSales(tx: TenantTransaction, lines: readonly PricedLine[], customerKey: string | null): Promise<void> {
    const saleLines = lines.filter((line) => line.sale !== null);
    if (saleLines.length === 0) return;
    const rows = await tx.query<{ sale_id: string; variant_id: string; stock_cap: number | null; sold: number; mine: number }[]>(
      `SELECT sp.sale_id, sp.variant_id, sp.stock_cap, sp.sold,
              (SELECT coalesce(sum(quantity), 0)::int FROM sale_purchases u WHERE u.sale_id = sp.sale_id AND u.customer_key = $3) AS mine
         FROM sale_prices sp
        WHERE (sp.sale_id, sp.variant_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
        ORDER BY sp.sale_id, sp.variant_id FOR UPDATE OF sp`,
      [saleLines.map((line) => line.sale!.saleId), saleLines.map((line) => line.variantId), customerKey],
    );
    const perSale = new Map<string, number>();
    for (const line of saleLines) {
      const sale = line.sale!;
      const row = rows.find((candidate) => candidate.sale_id === sale.saleId && candidate.variant_id === line.variantId);
      const field = `lines.${line.lineNo}.quantity`;
      if (!row || (row.stock_cap !== null && row.sold + line.quantity > row.stock_cap)) {
        throw new PriceChangedError(`only ${row && row.stock_cap !== null ? Math.max(row.stock_cap - row.sold, 0) : 0} of ${line.sku} are left at the sale price`, [
          { field, message: 'not that many left at the sale price' },
        ]);
      }
      if (sale.perCustomerLimit === null) continue;
      if (customerKey === null) throw new InvalidOrderError('this sale is limited per customer: sign in or give your email', [{ field: 'email', message: 'is required for sale items' }]);
      const bought = (perSale.get(sale.saleId) ?? row.mine) + line.quantity;
      perSale.set(sale.saleId, bought);
      if (bought > sale.perCustomerLimit) {
        throw new InvalidOrderError(`at most ${sale.perCustomerLimit} per customer in this sale`, [{ field, message: `at most ${sale.perCustomerLimit} per customer in this sale` }]);
      }
    }
  }

  async recordSales(tx: TenantTransaction, lines: readonly PricedLine[], orderId: string, customerKey: string | null): Promise<void> {
    const saleLines = lines.filter((line) => line.sale !== null);
    if (saleLines.length === 0) return;
    await tx.query(
      `WITH x AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS x(sale_id, variant_id, quantity)),
            u AS (INSERT INTO sale_purchases (sale_id, variant_id, order_id, customer_key, quantity) SELECT sale_id, variant_id, $4, $5, quantity FROM x)
       UPDATE sale_prices sp SET sold = sp.sold + x.quantity FROM x WHERE sp.sale_id = x.sale_id AND sp.variant_id = x.variant_id`,
      [saleLines.map((line) => line.sale!.saleId), saleLines.map((line) => line.variantId), saleLines.map((line) => line.quantity), orderId, customerKey ?? `order:${orderId}`],
    );
  }
}
