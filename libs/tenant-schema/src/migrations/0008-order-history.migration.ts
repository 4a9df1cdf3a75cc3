import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * An order's history: each status change (fulfilled, cancelled, refunded) with its time, written
 * in the transaction of the change. Placing the order is not a row (the order says when). Orders
 * changed before this table existed get one row from their last update.
 */
export class OrderHistory0008 implements TenantMigration {
  readonly name = '0008-order-history';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE order_status_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        from_status text NOT NULL CHECK (from_status IN ('placed', 'fulfilled', 'cancelled', 'refunded')),
        to_status text NOT NULL CHECK (to_status IN ('placed', 'fulfilled', 'cancelled', 'refunded')),
        changed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX order_status_changes_order_idx ON order_status_changes (order_id, id);

      INSERT INTO order_status_changes (order_id, from_status, to_status, changed_at)
      SELECT id, 'placed', status, updated_at FROM orders WHERE status <> 'placed' ORDER BY placed_at;
    `);
  }
}
