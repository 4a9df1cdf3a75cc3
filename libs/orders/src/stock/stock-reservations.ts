import type { TenantTransaction } from '@storefront/tenancy';
import { SoldOutError } from '../checkout-errors';

export interface ReservedLine {
  readonly variantId: string;
  readonly quantity: number;
}

export interface ReservableLine extends ReservedLine {
  readonly lineNo: number;
  readonly sku: string;
}

/**
 * Stock taken off `variants` with a conditional UPDATE (`stock >= qty`), so no interleaving of
 * buyers can oversell; the row locks are held only by the reserving transaction, not while the
 * payment runs. What a reservation took is recorded, so a failure or expiry can give it back.
 */
export class StockReservations {
  /**
   * Locks variant rows in id order. Every writer of stock locks this way first, so two carts
   * (or a cart and a cancellation) sharing SKUs can never deadlock.
   */
  async lock(tx: TenantTransaction, variantIds: readonly string[]): Promise<void> {
    await tx.query('SELECT id FROM variants WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [variantIds]);
  }

  /** Takes stock for every line or none (throws SoldOutError, the caller rolls back) and records it. */
  async reserve(
    tx: TenantTransaction,
    reservationId: string,
    lines: readonly ReservableLine[],
    ttlSeconds: number,
    options: { locked?: boolean } = {},
  ): Promise<void> {
    const recorded = JSON.stringify(lines.map(({ variantId, quantity }) => ({ variantId, quantity })));
    if (!options.locked) {
      await this.take(tx, lines, options);
      await tx.query(`INSERT INTO stock_reservations (id, lines, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [reservationId, recorded, ttlSeconds]);
      return;
    }
    // Under the caller's row locks the stock was checked already: take it and record the
    // reservation in one round trip (a shortfall is a bug and rolls the whole transaction back).
    const [row] = await tx.query<{ taken: number }[]>(
      `WITH taken AS (
         UPDATE variants v SET stock = v.stock - x.quantity, updated_at = now()
           FROM unnest($1::uuid[], $2::int[]) AS x(id, quantity)
          WHERE v.id = x.id AND v.stock >= x.quantity
         RETURNING v.id
       ), reservation AS (
         INSERT INTO stock_reservations (id, lines, expires_at) VALUES ($3, $4, now() + make_interval(secs => $5))
       )
       SELECT count(*)::int AS taken FROM taken`,
      [lines.map((line) => line.variantId), lines.map((line) => line.quantity), reservationId, recorded, ttlSeconds],
    );
    if (row!.taken !== lines.length) throw new Error('stock changed under a row lock');
  }

  /** Takes stock for every line in one statement, without recording a reservation. */
  async take(tx: TenantTransaction, lines: readonly ReservableLine[], options: { locked?: boolean } = {}): Promise<void> {
    if (!options.locked) await this.lock(tx, lines.map((line) => line.variantId));
    const [taken] = await tx.query<[{ id: string }[], number]>(
      `UPDATE variants v SET stock = v.stock - x.quantity, updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS x(id, quantity)
        WHERE v.id = x.id AND v.stock >= x.quantity
       RETURNING v.id`,
      [lines.map((line) => line.variantId), lines.map((line) => line.quantity)],
    );
    if (taken.length === lines.length) return;
    // Under the caller's row locks the stock was checked already: a shortfall here is a bug, and
    // must roll the whole transaction back rather than be answered (and stored) as sold out.
    if (options.locked) throw new Error('stock changed under a row lock');
    const short = lines.find((line) => !taken.some((row) => row.id === line.variantId))!;
    throw new SoldOutError(short.sku, `lines.${short.lineNo}.quantity`);
  }

  /** Gives a reservation's stock back; a second call finds nothing and changes nothing. */
  async release(tx: TenantTransaction, reservationId: string): Promise<ReservedLine[]> {
    const [rows] = await tx.query<[{ lines: ReservedLine[] }[], number]>('DELETE FROM stock_reservations WHERE id = $1 RETURNING lines', [
      reservationId,
    ]);
    const lines = rows.flatMap((row) => row.lines);
    await this.restock(tx, lines);
    return lines;
  }

  /** Gives back reservations whose process died before it paid or released them. */
  async releaseExpired(tx: TenantTransaction): Promise<ReservedLine[]> {
    const [rows] = await tx.query<[{ lines: ReservedLine[] }[], number]>(
      'DELETE FROM stock_reservations WHERE expires_at < now() RETURNING lines',
    );
    const lines = rows.flatMap((row) => row.lines);
    await this.restock(tx, lines);
    return lines;
  }

  async restock(tx: TenantTransaction, lines: readonly ReservedLine[]): Promise<void> {
    if (lines.length === 0) return;
    await this.lock(tx, lines.map((line) => line.variantId));
    await tx.query(
      `UPDATE variants v SET stock = v.stock + x.quantity, updated_at = now()
         FROM (SELECT id, sum(quantity)::int AS quantity FROM unnest($1::uuid[], $2::int[]) AS t(id, quantity) GROUP BY id) x
        WHERE v.id = x.id`,
      [lines.map((line) => line.variantId), lines.map((line) => line.quantity)],
    );
  }
}
