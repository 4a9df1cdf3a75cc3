import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * An order's history: each status change (fulfilled, cancelled, refunded) with its time, written
 * by a trigger in the transaction of the change, whoever makes it: checkout processes of the
 * previous release keep changing statuses during a rolling upgrade. Placing the order is not a
 * row (the order says when). Orders changed before this table existed get one row from their
 * last update; the trigger exists before that copy is taken (its lock holds concurrent changes
 * back until the migration commits), so no change falls between the two.
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

      CREATE FUNCTION order_status_changes_record() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO order_status_changes (order_id, from_status, to_status) VALUES (NEW.id, OLD.status, NEW.status);
          RETURN NULL;
        END
      $$;
      CREATE TRIGGER order_status_changes_record AFTER UPDATE OF status ON orders
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION order_status_changes_record();

      INSERT INTO order_status_changes (order_id, from_status, to_status, changed_at)
      SELECT id, 'placed', status, updated_at FROM orders WHERE status <> 'placed' ORDER BY placed_at;
    `);
  }
}
