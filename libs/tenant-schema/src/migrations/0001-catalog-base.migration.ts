import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/** Store settings and the catalog: products with option definitions, variants, categories. */
export class CatalogBase0001 implements TenantMigration {
  readonly name = '0001-catalog-base';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE store_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        name text NOT NULL,
        currency char(3) NOT NULL DEFAULT 'USD',
        locale text NOT NULL DEFAULT 'en',
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        parent_id uuid REFERENCES categories (id) ON DELETE SET NULL,
        position int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        price_amount bigint NOT NULL CHECK (price_amount >= 0),
        currency char(3) NOT NULL,
        attributes jsonb NOT NULL DEFAULT '{}',
        images jsonb NOT NULL DEFAULT '[]',
        options jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'archived')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX products_created_idx ON products (created_at DESC);

      CREATE TABLE product_categories (
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        category_id uuid NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
        PRIMARY KEY (product_id, category_id)
      );
      CREATE INDEX product_categories_category_idx ON product_categories (category_id);

      CREATE TABLE variants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        sku text NOT NULL UNIQUE,
        option_values jsonb NOT NULL DEFAULT '{}',
        price_amount bigint CHECK (price_amount >= 0),
        stock int NOT NULL DEFAULT 0 CHECK (stock >= 0),
        flash_sale boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX variants_product_idx ON variants (product_id);
    `);
  }
}
