import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * The store's payment settings, one row: test or live mode, which methods it accepts, the
 * instructions shown for a bank transfer, and the merchant's own Stripe keys. The secret key
 * and the webhook signing secret are stored sealed (envelope encryption under a platform key,
 * bound to the store and the field; see ADR 0057); the publishable key is public by design.
 * A store starts in test mode with cash on delivery on, so its whole journey works at once.
 */
export class PaymentSettings0011 implements TenantMigration {
  readonly name = '0011-payment-settings';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payment_settings (
        id smallint PRIMARY KEY CHECK (id = 1),
        mode text NOT NULL DEFAULT 'test' CHECK (mode IN ('test', 'live')),
        cash_on_delivery boolean NOT NULL DEFAULT true,
        bank_transfer boolean NOT NULL DEFAULT false,
        bank_transfer_instructions text NOT NULL DEFAULT '',
        stripe boolean NOT NULL DEFAULT false,
        stripe_publishable_key text,
        stripe_secret_key jsonb,
        stripe_webhook_secret jsonb,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO payment_settings (id) VALUES (1);
    `);
  }
}
