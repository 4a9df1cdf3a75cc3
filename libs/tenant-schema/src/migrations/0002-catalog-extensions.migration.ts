import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * Variants keep the order the merchant gave them, and stock changes made by the merchant are
 * kept in a ledger, so every stock level can be explained afterwards.
 */
export class CatalogExtensions0002 implements TenantMigration {
  readonly name = '0002-catalog-extensions';

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
    `);
  }
}
