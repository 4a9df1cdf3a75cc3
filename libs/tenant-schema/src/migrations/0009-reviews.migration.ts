import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * Product reviews. One review per shopper and product, tied to the order that proves the purchase
 * (found by the service, never taken from input). Only approved reviews count: `product_ratings`
 * holds each product's count, sum and histogram of approved ratings, kept by a trigger in the
 * transaction of every review change, so concurrent moderation never drifts it. The search index
 * copies the average and count (`search_documents.rating_*`) when the product is indexed.
 * Store settings gain the moderation switch and the review request delay.
 */
export class Reviews0009 implements TenantMigration {
  readonly name = '0009-reviews';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
        body text NOT NULL CHECK (char_length(body) <= 5000),
        author_name text NOT NULL CHECK (char_length(author_name) BETWEEN 1 AND 60),
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'hidden')),
        reply text CHECK (char_length(reply) <= 2000),
        replied_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (product_id, customer_id)
      );
      CREATE INDEX reviews_product_idx ON reviews (product_id, status, created_at DESC);
      CREATE INDEX reviews_status_idx ON reviews (status, created_at DESC);
      CREATE INDEX reviews_customer_idx ON reviews (customer_id);

      CREATE TABLE product_ratings (
        product_id uuid PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
        review_count int NOT NULL DEFAULT 0,
        rating_sum int NOT NULL DEFAULT 0,
        -- Approved reviews per rating, index 1..5.
        histogram int[] NOT NULL DEFAULT '{0,0,0,0,0}'
      );

      CREATE FUNCTION product_ratings_apply(p_product uuid, p_rating int, p_by int) RETURNS void LANGUAGE sql AS $$
        INSERT INTO product_ratings AS r (product_id, review_count, rating_sum, histogram)
        VALUES (p_product, p_by, p_by * p_rating,
                ARRAY(SELECT CASE WHEN i = p_rating THEN p_by ELSE 0 END FROM generate_series(1, 5) AS i))
        ON CONFLICT (product_id) DO UPDATE SET
          review_count = r.review_count + p_by,
          rating_sum = r.rating_sum + p_by * p_rating,
          histogram = ARRAY(SELECT r.histogram[i] + CASE WHEN i = p_rating THEN p_by ELSE 0 END FROM generate_series(1, 5) AS i)
      $$;

      CREATE FUNCTION product_ratings_follow() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          -- A product being deleted takes its ratings row with it (cascade): nothing to count.
          IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'approved'
             AND EXISTS (SELECT 1 FROM products WHERE id = OLD.product_id) THEN
            PERFORM product_ratings_apply(OLD.product_id, OLD.rating, -1);
          END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'approved' THEN
            PERFORM product_ratings_apply(NEW.product_id, NEW.rating, 1);
          END IF;
          RETURN NULL;
        END
      $$;
      CREATE TRIGGER product_ratings_follow AFTER INSERT OR UPDATE OF status, rating OR DELETE ON reviews
        FOR EACH ROW EXECUTE FUNCTION product_ratings_follow();

      ALTER TABLE search_documents ADD COLUMN rating_average numeric(3, 2), ADD COLUMN rating_count int NOT NULL DEFAULT 0;
      CREATE INDEX search_documents_rating_idx ON search_documents (rating_average DESC NULLS LAST);

      ALTER TABLE store_settings
        ADD COLUMN reviews_auto_approve boolean NOT NULL DEFAULT false,
        ADD COLUMN review_request_delay_days int NOT NULL DEFAULT 7 CHECK (review_request_delay_days BETWEEN 0 AND 90);
    `);
  }
}
