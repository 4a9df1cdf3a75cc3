import type { TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';

export interface RunningSalePrice {
  readonly sku: string;
  readonly saleName: string;
  readonly saleAmount: number;
  readonly endsAt: string;
}

/**
 * The sale prices a product's variants have right now (the lowest, as checkout charges), for the
 * product page: read fresh, never from the catalog cache, so a sale shows from its first second.
 */
export class RunningSales {
  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  forProduct(ctx: TenantContext, productId: string): Promise<RunningSalePrice[]> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const rows = await tx.query<{ sku: string; name: string; sale_amount: string; ends_at: Date }[]>(
        `SELECT DISTINCT ON (v.id) v.sku, sa.name, sp.sale_amount, sa.ends_at
           FROM variants v JOIN sale_prices sp ON sp.variant_id = v.id JOIN sales sa ON sa.id = sp.sale_id
          WHERE v.product_id = $1 AND sa.starts_at <= $2 AND $2 < sa.ends_at AND (sp.stock_cap IS NULL OR sp.sold < sp.stock_cap)
          ORDER BY v.id, sp.sale_amount, sa.ends_at, sp.sale_id`,
        [productId, this.clock()],
      );
      return rows.map((row) => ({ sku: row.sku, saleName: row.name, saleAmount: Number(row.sale_amount), endsAt: row.ends_at.toISOString() }));
    });
  }
}
