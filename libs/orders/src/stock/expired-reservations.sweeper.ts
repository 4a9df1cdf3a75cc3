import type { TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import type { FlashSaleGate } from './flash-sale.gate';
import { StockReservations } from './stock-reservations';

/**
 * Gives back stock held by reservations whose checkout died while the payment ran (they expire
 * after the reservation TTL). Buyers also reclaim lazily when they find a SKU short; this sweep
 * makes the stock visible to readers (storefront, merchant) without waiting for a buyer.
 */
export class ExpiredReservationsSweeper {
  private readonly reservations = new StockReservations();

  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly flashGate?: FlashSaleGate,
  ) {}

  /** Returns how many units went back to stock. */
  async sweep(ctx: TenantContext): Promise<number> {
    const { units, skus } = await this.unitOfWork.run(ctx, async (tx) => {
      const lines = await this.reservations.releaseExpired(tx);
      if (lines.length === 0) return { units: 0, skus: [] as string[] };
      const rows = await tx.query<{ sku: string }[]>('SELECT sku FROM variants WHERE id = ANY($1::uuid[])', [
        lines.map((line) => line.variantId),
      ]);
      return { units: lines.reduce((sum, line) => sum + line.quantity, 0), skus: rows.map((row) => row.sku) };
    });
    // The gate still counts those units as taken: let it reload from PostgreSQL.
    await this.flashGate?.forget(ctx, skus);
    return units;
  }
}
