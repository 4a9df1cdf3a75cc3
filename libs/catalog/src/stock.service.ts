import type { TenantContext } from '@storefront/contracts';
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
}
