import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * Password reset links of shopper accounts. Only a SHA-256 of each link's token is kept, so the
 * table (or a backup of it) opens no account; a link works once, within its lifetime, and any
 * use ends every other outstanding link of that customer.
 */
export class CustomerPasswordResets0014 implements TenantMigration {
  readonly name = '0014-customer-password-resets';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customer_password_resets (
        token_hash bytea PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX customer_password_resets_customer_idx ON customer_password_resets (customer_id, created_at DESC);
    `);
  }
}
