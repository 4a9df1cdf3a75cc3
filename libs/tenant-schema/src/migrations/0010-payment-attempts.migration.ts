import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * A durable record of every payment attempt, written before the gateway is called (in the
 * transaction that reserves the stock), so money is never taken without a row that says so.
 * The gateway's idempotency key is derived from the attempt's id; a retry of the same checkout
 * request (same Idempotency-Key and body) reuses the attempt whose outcome is still unknown, so
 * the gateway answers it with the first charge instead of taking a second one. At most one
 * unresolved attempt per request key. One left unresolved is settled by the payment reconciler:
 * `reconciling` while it asks the gateway, then `refunded` (it had charged) or `abandoned`.
 * Payments gain `refund_pending`: a cancellation or refund records it (and what the order becomes)
 * before it asks the gateway, outside the order's row lock, and settles it afterwards.
 */
export class PaymentAttempts0010 implements TenantMigration {
  readonly name = '0010-payment-attempts';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payment_attempts (
        id uuid PRIMARY KEY,
        request_key text,
        request_hash text,
        method text NOT NULL,
        amount bigint NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('started', 'reconciling', 'placed', 'declined', 'refunded', 'abandoned')),
        gateway_reference text,
        order_id uuid REFERENCES orders (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX payment_attempts_open_request_key ON payment_attempts (request_key) WHERE status = 'started';
      CREATE INDEX payment_attempts_unresolved_idx ON payment_attempts (updated_at) WHERE status IN ('started', 'reconciling');

      ALTER TABLE payments DROP CONSTRAINT payments_status_check;
      ALTER TABLE payments ADD CONSTRAINT payments_status_check CHECK (status IN ('captured', 'pending', 'refund_pending', 'refunded', 'voided'));
      ALTER TABLE payments ADD COLUMN refund_for text CHECK (refund_for IN ('cancelled', 'refunded'));
    `);
  }
}
