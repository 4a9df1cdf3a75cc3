import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * What a store needs to sell for real (docs/adr/0061-totals-breakdown.md): shipping zones with
 * their methods and tax rates, discount codes with their redemptions, automatic promotions,
 * scheduled sales with sale prices, tax categories and weights on the catalog, whether the
 * store's prices include tax, shoppers' address books, and the order's breakdown as computed. Expand only: every
 * new column has a default, so older code keeps writing orders (tax, shipping and discount 0).
 */
export class SellingRules0016 implements TenantMigration {
  readonly name = '0016-selling-rules';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE store_settings ADD COLUMN prices_include_tax boolean NOT NULL DEFAULT false;

      ALTER TABLE products ADD COLUMN tax_category text NOT NULL DEFAULT 'standard' CHECK (tax_category IN ('standard', 'reduced', 'zero'));
      ALTER TABLE variants
        ADD COLUMN tax_category text CHECK (tax_category IN ('standard', 'reduced', 'zero')),
        ADD COLUMN weight_grams int NOT NULL DEFAULT 0 CHECK (weight_grams >= 0);

      CREATE TABLE shipping_zones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        countries text[] NOT NULL CHECK (cardinality(countries) > 0),
        regions text[] NOT NULL DEFAULT '{}',
        postal_prefixes text[] NOT NULL DEFAULT '{}',
        shipping_taxable boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE shipping_methods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id uuid NOT NULL REFERENCES shipping_zones (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        -- {kind: flat, amount} | {kind: weight, tiers: [{upToGrams, amount}]} | {kind: value, tiers: [{upToAmount, amount}]}
        rate jsonb NOT NULL,
        free_over_amount bigint CHECK (free_over_amount >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX shipping_methods_zone_idx ON shipping_methods (zone_id);

      CREATE TABLE tax_rates (
        zone_id uuid NOT NULL REFERENCES shipping_zones (id) ON DELETE CASCADE,
        category text NOT NULL CHECK (category IN ('standard', 'reduced', 'zero')),
        rate_ppm int NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
        label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 60),
        PRIMARY KEY (zone_id, category)
      );

      CREATE TABLE discount_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code = upper(code) AND char_length(code) BETWEEN 1 AND 40),
        kind text NOT NULL CHECK (kind IN ('percent', 'fixed', 'free_shipping')),
        percent_bp int CHECK (percent_bp BETWEEN 1 AND 10000),
        amount bigint CHECK (amount > 0),
        min_subtotal_amount bigint NOT NULL DEFAULT 0 CHECK (min_subtotal_amount >= 0),
        starts_at timestamptz,
        ends_at timestamptz,
        usage_limit int CHECK (usage_limit > 0),
        per_customer_limit int CHECK (per_customer_limit > 0),
        -- Uses counted under the row lock of the redeeming order, kept only while there is a
        -- usage_limit (discount_redemptions is the count); never above the limit.
        times_used int NOT NULL DEFAULT 0 CHECK (times_used >= 0 AND (usage_limit IS NULL OR times_used <= usage_limit)),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'percent') = (percent_bp IS NOT NULL) AND (kind = 'fixed') = (amount IS NOT NULL)),
        CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
      );

      -- A customer is their id, or a guest's normalised email: two browsers are one shopper.
      CREATE TABLE discount_redemptions (
        code_id uuid NOT NULL REFERENCES discount_codes (id) ON DELETE CASCADE,
        order_id uuid NOT NULL,
        customer_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code_id, order_id)
      );
      CREATE INDEX discount_redemptions_customer_idx ON discount_redemptions (code_id, customer_key);

      CREATE TABLE promotions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        kind text NOT NULL CHECK (kind IN ('category_percent', 'buy_x_get_y')),
        category_id uuid REFERENCES categories (id) ON DELETE CASCADE,
        percent_bp int NOT NULL CHECK (percent_bp BETWEEN 1 AND 10000),
        buy_quantity int CHECK (buy_quantity > 0),
        get_quantity int CHECK (get_quantity > 0),
        starts_at timestamptz,
        ends_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'category_percent' OR category_id IS NOT NULL),
        CHECK ((kind = 'buy_x_get_y') = (buy_quantity IS NOT NULL AND get_quantity IS NOT NULL)),
        CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
      );

      CREATE TABLE sales (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        per_customer_limit int CHECK (per_customer_limit > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sales_window_idx ON sales (ends_at, starts_at);

      CREATE TABLE sale_prices (
        sale_id uuid NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
        variant_id uuid NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
        sale_amount bigint NOT NULL CHECK (sale_amount >= 0),
        -- Units sold at the sale price at most; counted with the order, never above the cap.
        stock_cap int CHECK (stock_cap >= 0),
        sold int NOT NULL DEFAULT 0 CHECK (sold >= 0 AND (stock_cap IS NULL OR sold <= stock_cap)),
        PRIMARY KEY (sale_id, variant_id)
      );
      CREATE INDEX sale_prices_variant_idx ON sale_prices (variant_id);

      CREATE TABLE sale_purchases (
        sale_id uuid NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
        variant_id uuid NOT NULL,
        order_id uuid NOT NULL,
        customer_key text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (sale_id, variant_id, order_id)
      );
      CREATE INDEX sale_purchases_customer_idx ON sale_purchases (sale_id, customer_key);

      -- A signed-in shopper's address book; at most one default per customer.
      CREATE TABLE customer_addresses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        address jsonb NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX customer_addresses_customer_idx ON customer_addresses (customer_id, created_at);
      CREATE UNIQUE INDEX customer_addresses_default_idx ON customer_addresses (customer_id) WHERE is_default;

      ALTER TABLE orders
        ADD COLUMN discount_amount bigint NOT NULL DEFAULT 0 CHECK (discount_amount >= 0),
        ADD COLUMN shipping_amount bigint NOT NULL DEFAULT 0 CHECK (shipping_amount >= 0),
        ADD COLUMN tax_amount bigint NOT NULL DEFAULT 0 CHECK (tax_amount >= 0),
        ADD COLUMN shipping_method text,
        ADD COLUMN discount_code text,
        ADD COLUMN email text,
        -- The breakdown as computed when the order was placed (libs/pricing TotalsBreakdown).
        ADD COLUMN totals jsonb;

      -- Gives an order's code uses and sale units back: locks in key order (as checkout takes
      -- them), never below zero (a merchant may have reset a sale price meanwhile).
      CREATE FUNCTION selling_release(p_order uuid) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
          codes uuid[];
          sales uuid[];
          sale_variants uuid[];
          quantities int[];
        BEGIN
          WITH d AS (DELETE FROM discount_redemptions WHERE order_id = p_order RETURNING code_id)
          SELECT array_agg(code_id ORDER BY code_id) INTO codes FROM d;
          IF codes IS NOT NULL THEN
            PERFORM 1 FROM discount_codes WHERE id = ANY (codes) ORDER BY id FOR UPDATE;
            -- Only a code with a total limit keeps its counter (the redemptions are the count otherwise).
            UPDATE discount_codes c SET times_used = greatest(c.times_used - n.uses, 0)
              FROM (SELECT code_id, count(*)::int AS uses FROM unnest(codes) AS code_id GROUP BY code_id) n
             WHERE c.id = n.code_id AND c.usage_limit IS NOT NULL;
          END IF;
          WITH d AS (DELETE FROM sale_purchases WHERE order_id = p_order RETURNING sale_id, variant_id, quantity)
          SELECT array_agg(sale_id ORDER BY sale_id, variant_id), array_agg(variant_id ORDER BY sale_id, variant_id), array_agg(quantity ORDER BY sale_id, variant_id)
            INTO sales, sale_variants, quantities FROM d;
          IF sales IS NOT NULL THEN
            PERFORM 1 FROM sale_prices sp WHERE (sp.sale_id, sp.variant_id) IN (SELECT * FROM unnest(sales, sale_variants))
              ORDER BY sp.sale_id, sp.variant_id FOR UPDATE;
            UPDATE sale_prices sp SET sold = greatest(sp.sold - n.quantity, 0)
              FROM (SELECT s, v, sum(q)::int AS quantity FROM unnest(sales, sale_variants, quantities) AS u(s, v, q) GROUP BY s, v) n
             WHERE sp.sale_id = n.s AND sp.variant_id = n.v;
          END IF;
        END
      $$;

      -- The row's id names the order: an order takes its payment attempt's id.
      CREATE FUNCTION selling_release_row() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM selling_release(NEW.id);
          RETURN NEW;
        END
      $$;

      -- A payment attempt that ends without an order (declined, refunded, abandoned) gives its
      -- uses back, whichever path resolved it (checkout, reconciler).
      CREATE TRIGGER payment_attempts_release_selling AFTER UPDATE OF status ON payment_attempts FOR EACH ROW
        WHEN (NEW.status IN ('declined', 'refunded', 'abandoned') AND OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION selling_release_row();

      -- So does an order cancelled while it awaited its payment (the shopper's bank said no):
      -- its attempt was already placed, so the trigger above never sees it.
      CREATE TRIGGER orders_release_selling AFTER UPDATE OF status ON orders FOR EACH ROW
        WHEN (OLD.status = 'awaiting_payment' AND NEW.status = 'cancelled')
        EXECUTE FUNCTION selling_release_row();
    `);
  }
}
