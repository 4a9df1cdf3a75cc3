import type { TenantTransaction } from '@storefront/tenancy';
import type { ProductView } from './product-view';

/**
 * A product view in one statement: PostgreSQL builds the JSON of the product, its variants and
 * its category ids. The shopper's product page reads this on every cache miss, where the entity
 * path (three queries and TypeORM's hydration) was most of the cost. It must build exactly what
 * `toProductView` builds; the catalog tests compare the two.
 */
const PRODUCT_VIEW_SQL = `
  SELECT json_build_object(
    'id', p.id, 'slug', p.slug, 'title', p.title, 'description', p.description,
    'price', json_build_object('amount', p.price_amount, 'currency', p.currency),
    'taxCategory', p.tax_category, 'status', p.status, 'images', p.images, 'attributes', p.attributes, 'options', p.options,
    'variants', coalesce((
      SELECT json_agg(json_build_object(
               'id', v.id, 'sku', v.sku, 'options', v.option_values,
               'price', CASE WHEN v.price_amount IS NULL THEN NULL ELSE json_build_object('amount', v.price_amount, 'currency', p.currency) END,
               'stock', v.stock, 'weightGrams', v.weight_grams, 'taxCategory', v.tax_category) ORDER BY v.position)
        FROM variants v WHERE v.product_id = p.id), '[]'),
    'categoryIds', ARRAY(SELECT pc.category_id FROM product_categories pc WHERE pc.product_id = p.id),
    -- Date.prototype.toISOString's format, as the entity path writes it.
    'createdAt', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updatedAt', to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  ) AS view
  FROM products p WHERE p.slug = $1 AND p.status = 'active'`;

/** The active product with `slug`, or null. */
export async function activeProductViewBySlug(tx: TenantTransaction, slug: string): Promise<ProductView | null> {
  const [row] = await tx.query<{ view: ProductView }[]>(PRODUCT_VIEW_SQL, [slug]);
  return row?.view ?? null;
}
