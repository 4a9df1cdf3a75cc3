import type { LowStockReport, TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { ignoreCatalogChanges, type CatalogChangeListener } from './catalog-change-listener';
import { CatalogConflictError } from './catalog-errors';
import { findVariantOrFail } from './catalog-lookups';
import { StockAdjustmentEntity, VariantEntity } from './entities';

export interface StockAdjustmentInput {
  /** Units added (positive) or removed (negative). */
  readonly delta: number;
  readonly reason: string;
}

export interface StockLevel {
  readonly variantId: string;
  readonly sku: string;
  readonly stock: number;
}

/** Merchant stock changes: applied atomically and written to the stock ledger. */
export class StockService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly onChange: CatalogChangeListener = ignoreCatalogChanges,
  ) {}

  async adjust(ctx: TenantContext, variantId: string, input: StockAdjustmentInput, actor: string): Promise<StockLevel> {
    return this.uow.run(ctx, async (tx) => {
      const variant = await findVariantOrFail(tx, variantId, true);
      const stock = variant.stock + input.delta;
      if (stock < 0) {
        throw new CatalogConflictError(`only ${variant.stock} in stock`, [
          { field: 'delta', message: `would leave ${stock} in stock; at most ${variant.stock} can be removed` },
        ]);
      }
      await tx.getRepository(VariantEntity).update({ id: variantId }, { stock });
      await tx.getRepository(StockAdjustmentEntity).insert({ variantId, delta: input.delta, stockAfter: stock, reason: input.reason, actor });
      await this.onChange(tx, { type: 'stock.adjusted', productId: variant.productId, variantId });
      return { variantId, sku: variant.sku, stock };
    });
  }

  /**
   * Variants with `threshold` or fewer in stock across the whole catalog (archived products left
   * out: nobody can buy them), fewest first, the first `limit` of them and how many there are.
   */
  async lowStock(ctx: TenantContext, options: { threshold: number; limit: number }): Promise<LowStockReport> {
    return this.uow.run(ctx, async (tx) => {
      const rows = await tx.query<{ product_id: string; title: string; variant_id: string; sku: string; option_values: Record<string, string>; stock: number; total: number }[]>(
        `SELECT p.id AS product_id, p.title, v.id AS variant_id, v.sku, v.option_values, v.stock, count(*) OVER ()::int AS total
           FROM variants v JOIN products p ON p.id = v.product_id
          WHERE v.stock <= $1 AND p.status <> 'archived'
          ORDER BY v.stock, p.title, v.position LIMIT $2`,
        [options.threshold, options.limit],
      );
      return {
        threshold: options.threshold,
        total: rows[0]?.total ?? 0,
        items: rows.map((row) => ({
          productId: row.product_id,
          productTitle: row.title,
          variantId: row.variant_id,
          sku: row.sku,
          options: row.option_values,
          stock: row.stock,
        })),
      };
    });
  }
}
