import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * What the merchant admin API adds to a store: variants keep the merchant's order, stock
 * changes are kept in a ledger (every level can be explained afterwards), notification
 * templates override the platform's defaults, and webhook endpoints receive store events.
 */
export class MerchantAdmin0002 implements TenantMigration {
  readonly name = '0002-merchant-admin';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE variants ADD COLUMN position int NOT NULL DEFAULT 0;

      CREATE TABLE stock_adjustments (
        id bigserial PRIMARY KEY,
        variant_id uuid NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
        delta int NOT NULL CHECK (delta <> 0),
        stock_after int NOT NULL CHECK (stock_after >= 0),
        reason text NOT NULL,
        actor text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX stock_adjustments_variant_idx ON stock_adjustments (variant_id, created_at);

      CREATE TABLE notification_templates (
        event text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        subject text,
        body text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event, channel)
      );

      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }
}
