import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * Checkout: orders with their lines and payments, stock reservations held while a payment is
 * taken, idempotency keys of place-order requests, and the event ids consumers already handled.
 * Also lets the tenant role append to its cluster's `platform.outbox` (see the outbox ADR).
 */
export class Orders0003 implements TenantMigration {
  readonly name = '0003-orders';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        status text NOT NULL CHECK (status IN ('placed', 'fulfilled', 'cancelled', 'refunded')),
        customer_id uuid,
        currency char(3) NOT NULL,
        subtotal_amount bigint NOT NULL CHECK (subtotal_amount >= 0),
        total_amount bigint NOT NULL CHECK (total_amount >= 0),
        shipping_address jsonb NOT NULL,
        payment_method text NOT NULL,
        idempotency_key text UNIQUE,
        placed_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX orders_placed_idx ON orders (placed_at DESC);
      CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC) WHERE customer_id IS NOT NULL;

      -- Lines keep a snapshot of what was bought, so catalog edits never rewrite history.
      CREATE TABLE order_lines (
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        line_no int NOT NULL,
        variant_id uuid NOT NULL,
        sku text NOT NULL,
        title text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        unit_amount bigint NOT NULL CHECK (unit_amount >= 0),
        line_amount bigint NOT NULL CHECK (line_amount >= 0),
        PRIMARY KEY (order_id, line_no)
      );

      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        method text NOT NULL,
        status text NOT NULL CHECK (status IN ('captured', 'pending', 'refunded', 'voided')),
        amount bigint NOT NULL CHECK (amount >= 0),
        refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
        currency char(3) NOT NULL,
        gateway_reference text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX payments_order_idx ON payments (order_id);

      -- Stock taken off variants while the payment runs; an expired one is given back by the sweeper.
      CREATE TABLE stock_reservations (
        id uuid PRIMARY KEY,
        lines jsonb NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX stock_reservations_expiry_idx ON stock_reservations (expires_at);

      CREATE TABLE idempotency_keys (
        key text PRIMARY KEY,
        request_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('processing', 'completed')),
        response_status int,
        response_body jsonb,
        locked_until timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);

      CREATE TABLE processed_events (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      );

      DO $$ BEGIN
        EXECUTE format('GRANT platform_tenant TO %I', current_schema());
      END $$;
    `);
  }
}
