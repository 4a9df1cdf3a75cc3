import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * Shopper accounts and carts. A cart belongs to a browser session until its shopper signs in,
 * then to the customer (one cart per customer), so it follows them to any browser.
 */
export class CustomersCarts0004 implements TenantMigration {
  readonly name = '0004-customers-carts';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE carts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid UNIQUE REFERENCES customers (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE cart_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cart_id uuid NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
        variant_id uuid REFERENCES variants (id) ON DELETE SET NULL,
        sku text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        unit_price_amount bigint NOT NULL CHECK (unit_price_amount >= 0),
        added_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cart_id, sku)
      );
    `);
  }
}
