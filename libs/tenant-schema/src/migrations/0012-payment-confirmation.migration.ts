import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * Payments the shopper still has to confirm (card authentication): the order exists with its
 * stock taken, `awaiting_payment`, its payment `requires_action`, until the gateway says it
 * succeeded (the order becomes `placed`) or failed (`failed`; the order is cancelled and the
 * stock returns). Stripe's webhook events are recorded by id, so an event delivered twice
 * changes state once.
 */
export class PaymentConfirmation0012 implements TenantMigration {
  readonly name = '0012-payment-confirmation';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE orders DROP CONSTRAINT orders_status_check;
      ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('awaiting_payment', 'placed', 'fulfilled', 'cancelled', 'refunded'));
      ALTER TABLE order_status_changes DROP CONSTRAINT order_status_changes_from_status_check;
      ALTER TABLE order_status_changes ADD CONSTRAINT order_status_changes_from_status_check
        CHECK (from_status IN ('awaiting_payment', 'placed', 'fulfilled', 'cancelled', 'refunded'));
      CREATE INDEX orders_awaiting_payment_idx ON orders (placed_at) WHERE status = 'awaiting_payment';

      ALTER TABLE payments DROP CONSTRAINT payments_status_check;
      ALTER TABLE payments ADD CONSTRAINT payments_status_check
        CHECK (status IN ('requires_action', 'captured', 'pending', 'failed', 'refund_pending', 'refunded', 'voided'));

      CREATE TABLE stripe_webhook_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }
}
