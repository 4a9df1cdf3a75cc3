import type { DiscountCode } from '@storefront/pricing';
import type { TenantTransaction } from '@storefront/tenancy';
import { InvalidOrderError, PriceChangedError } from '../checkout-errors';
import type { PricedLine } from '../place-order/line-pricer';
import { PricingError } from '@storefront/pricing';
import { SellingRefusedError } from './selling-refused.error';

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
   * A total limit locks the code's row, then counts (every use of the code waits its turn: exact,
   * and the price of a limit); a per-customer limit alone locks only that customer's uses (an
   * advisory lock on code and customer); a code without limits takes no lock. `heldBy` is the open
   * payment attempt a retry of this request resumes: its use is already counted, so it passes.
   */
  async checkCode(tx: TenantTransaction, code: DiscountCode, customerKey: string | null, heldBy: string | null): Promise<void> {
    if (code.usageLimit === null && code.perCustomerLimit === null) return;
    if (heldBy !== null && (await this.holds(tx, 'discount_redemptions', heldBy))) return;
    if (code.perCustomerLimit !== null && customerKey === null) {
      throw new InvalidOrderError('this code is limited per customer: sign in or give your email', [{ field: 'email', message: 'is required for this code' }]);
    }
    if (code.usageLimit !== null) {
      const [row] = await tx.query<{ times_used: number; usage_limit: number }[]>('SELECT times_used, usage_limit FROM discount_codes WHERE id = $1 FOR UPDATE', [code.id]);
      if (!row) throw new SellingRefusedError(new PricingError('code_not_found', 'discountCode', `there is no code ${code.code} in this store`, 404));
      if (row.times_used >= row.usage_limit) throw new SellingRefusedError(new PricingError('code_used_up', 'discountCode', `the code ${code.code} has been used up`));
    } else {
      await lockFor(tx, `discount:${code.id}:${customerKey}`);
    }
    if (code.perCustomerLimit === null) return;
    // A statement of its own, after the lock: it sees every use committed before the lock was granted.
    const [mine] = await tx.query<{ n: number }[]>('SELECT count(*)::int AS n FROM discount_redemptions WHERE code_id = $1 AND customer_key = $2', [code.id, customerKey]);
    if (mine!.n >= code.perCustomerLimit) throw new SellingRefusedError(new PricingError('code_used_up', 'discountCode', `you have already used the code ${code.code}`));
  }

  /** The redemption row always (it is the count merchants see); the counter only where a total limit reads it. Once per attempt. */
  async recordCode(tx: TenantTransaction, code: DiscountCode, orderId: string, customerKey: string | null): Promise<void> {
    await tx.query(
      `WITH r AS (INSERT INTO discount_redemptions (code_id, order_id, customer_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1)
       UPDATE discount_codes SET times_used = times_used + 1 WHERE id = $1 AND $4 AND EXISTS (SELECT 1 FROM r)`,
      [code.id, orderId, customerKey ?? `order:${orderId}`, code.usageLimit !== null],
    );
  }

  /**
   * Sale lines: the stock cap still has room (else the price is regular again) and the shopper's
   * limit holds. The price rows are locked in key order; a per-customer limit takes an advisory
   * lock per sale and customer (in sale order), since it counts over all the sale's variants.
   */
  async checkSales(tx: TenantTransaction, lines: readonly PricedLine[], customerKey: string | null, heldBy: string | null): Promise<void> {
    const saleLines = lines.filter((line) => line.sale !== null);
    if (saleLines.length === 0) return;
    if (heldBy !== null && (await this.holds(tx, 'sale_purchases', heldBy))) return;
    const limitedSales = [...new Set(saleLines.filter((line) => line.sale!.perCustomerLimit !== null).map((line) => line.sale!.saleId))].sort();
    if (limitedSales.length > 0 && customerKey === null) {
      throw new InvalidOrderError('this sale is limited per customer: sign in or give your email', [{ field: 'email', message: 'is required for sale items' }]);
    }
    for (const saleId of limitedSales) await lockFor(tx, `sale:${saleId}:${customerKey}`);
    const rows = await tx.query<{ sale_id: string; variant_id: string; stock_cap: number | null; sold: number }[]>(
      `SELECT sp.sale_id, sp.variant_id, sp.stock_cap, sp.sold FROM sale_prices sp
        WHERE (sp.sale_id, sp.variant_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
        ORDER BY sp.sale_id, sp.variant_id FOR UPDATE OF sp`,
      [saleLines.map((line) => line.sale!.saleId), saleLines.map((line) => line.variantId)],
    );
    const bought = new Map(
      (
        await tx.query<{ sale_id: string; n: number }[]>(
          'SELECT sale_id, coalesce(sum(quantity), 0)::int AS n FROM sale_purchases WHERE sale_id = ANY($1::uuid[]) AND customer_key = $2 GROUP BY sale_id',
          [limitedSales, customerKey],
        )
      ).map((row) => [row.sale_id, row.n]),
    );
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
      const total = (bought.get(sale.saleId) ?? 0) + line.quantity;
      bought.set(sale.saleId, total);
      if (total > sale.perCustomerLimit) {
        throw new InvalidOrderError(`at most ${sale.perCustomerLimit} per customer in this sale`, [{ field, message: `at most ${sale.perCustomerLimit} per customer in this sale` }]);
      }
    }
  }

  /** Once per attempt: a resumed attempt's units are already counted. */
  async recordSales(tx: TenantTransaction, lines: readonly PricedLine[], orderId: string, customerKey: string | null): Promise<void> {
    const saleLines = lines.filter((line) => line.sale !== null);
    if (saleLines.length === 0) return;
    await tx.query(
      `WITH x AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS x(sale_id, variant_id, quantity)),
            u AS (INSERT INTO sale_purchases (sale_id, variant_id, order_id, customer_key, quantity) SELECT sale_id, variant_id, $4, $5, quantity FROM x
                  ON CONFLICT DO NOTHING RETURNING sale_id, variant_id, quantity)
       UPDATE sale_prices sp SET sold = sp.sold + u.quantity FROM u WHERE sp.sale_id = u.sale_id AND sp.variant_id = u.variant_id`,
      [saleLines.map((line) => line.sale!.saleId), saleLines.map((line) => line.variantId), saleLines.map((line) => line.quantity), orderId, customerKey ?? `order:${orderId}`],
    );
  }

  /** Whether the attempt (the order's id) already holds uses in `table`: an order redeems one code at most. */
  private async holds(tx: TenantTransaction, table: 'discount_redemptions' | 'sale_purchases', orderId: string): Promise<boolean> {
    const [row] = await tx.query<{ held: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM ${table} WHERE order_id = $1) AS held`, [orderId]);
    return row!.held;
  }
}

/** A transaction-scoped lock on a name within the tenant (released at commit or rollback). */
async function lockFor(tx: TenantTransaction, name: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${tx.ctx.tenantId}:${name}`]);
}
