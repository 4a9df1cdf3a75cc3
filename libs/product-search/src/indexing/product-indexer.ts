import type { TenantTransaction } from '@storefront/tenancy';
import { searchDocumentText, type IndexSource } from './search-document';

interface SourceRow extends IndexSource {
  readonly priceAmount: string;
  readonly inStock: boolean;
  readonly createdAt: Date;
  readonly categoryIds: string[];
  readonly ratingAverage: string | null;
  readonly ratingCount: number;
}

/**
 * Writes search documents from the catalog tables of the transaction's tenant. It always reads the
 * product's current state, so events may arrive twice or out of order: the last write is right.
 */
export class ProductIndexer {
  /** Brings the documents of `productIds` up to date: written when active, removed otherwise. */
  async indexProducts(tx: TenantTransaction, productIds: readonly string[]): Promise<void> {
    if (productIds.length === 0) return;
    // One indexer at a time per tenant: vocabulary counts are read-modify-write.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':search-index'))");
    const ids = [...new Set(productIds)];
    const sources: SourceRow[] = await tx.query(
      `SELECT p.id, p.title, p.description, p.created_at AS "createdAt",
              ARRAY(SELECT o->>'name' FROM jsonb_array_elements(p.options) o) AS "optionNames",
              ARRAY(SELECT DISTINCT kv.key || E'\\x1f' || kv.value FROM variants v, jsonb_each_text(v.option_values) kv WHERE v.product_id = p.id) AS "optionValues",
              ARRAY(SELECT c.id FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id) AS "categoryIds",
              ARRAY(SELECT c.name FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id) AS "categoryNames",
              coalesce((SELECT min(coalesce(v.price_amount, p.price_amount)) FROM variants v WHERE v.product_id = p.id), p.price_amount) AS "priceAmount",
              EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND v.stock > 0) AS "inStock",
              (SELECT round(r.rating_sum::numeric / r.review_count, 2) FROM product_ratings r WHERE r.product_id = p.id AND r.review_count > 0) AS "ratingAverage",
              coalesce((SELECT r.review_count FROM product_ratings r WHERE r.product_id = p.id), 0) AS "ratingCount"
         FROM products p WHERE p.id = ANY($1::uuid[]) AND p.status = 'active'`,
      [ids],
    );
    const previous: { product_id: string; terms: string[] }[] = await tx.query(
      'SELECT product_id, terms FROM search_documents WHERE product_id = ANY($1::uuid[])',
      [ids],
    );
    // Only the vocabulary is counted here: facet counts follow the documents by themselves
    // (triggers of tenant migration 0007).
    const delta = new Map<string, number>();
    const count = (terms: readonly string[], by: number): void => terms.forEach((term) => delta.set(term, (delta.get(term) ?? 0) + by));
    previous.forEach((row) => count(row.terms, -1));

    const documents = sources.map((source) => ({ source, text: searchDocumentText(source) }));
    documents.forEach(({ text }) => count(text.terms, +1));
    const gone = ids.filter((id) => !sources.some((source) => source.id === id));
    if (gone.length > 0) await tx.query('DELETE FROM search_documents WHERE product_id = ANY($1::uuid[])', [gone]);
    if (documents.length > 0) {
      await tx.query(
        `INSERT INTO search_documents (product_id, language, title_text, options_text, description, category_ids, option_values, price_amount, in_stock, created_at, terms, rating_average, rating_count, indexed_at)
         SELECT d.id, search_config((SELECT locale FROM store_settings WHERE id = 1)), d.title_text, d.options_text, d.description,
                d.category_ids, d.option_values, d.price_amount, d.in_stock, d.created_at, d.terms, d.rating_average, d.rating_count, now()
           FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, title_text text, options_text text, description text, category_ids uuid[],
                option_values text[], price_amount bigint, in_stock boolean, created_at timestamptz, terms text[],
                rating_average numeric, rating_count int)
         ON CONFLICT (product_id) DO UPDATE SET language = excluded.language, title_text = excluded.title_text,
           options_text = excluded.options_text, description = excluded.description, category_ids = excluded.category_ids,
           option_values = excluded.option_values, price_amount = excluded.price_amount, in_stock = excluded.in_stock,
           created_at = excluded.created_at, terms = excluded.terms, rating_average = excluded.rating_average,
           rating_count = excluded.rating_count, indexed_at = excluded.indexed_at`,
        [
          JSON.stringify(
            documents.map(({ source, text }) => ({
              id: source.id,
              title_text: text.titleText,
              options_text: text.optionsText,
              description: source.description,
              category_ids: source.categoryIds,
              option_values: source.optionValues,
              price_amount: Number(source.priceAmount),
              in_stock: source.inStock,
              created_at: source.createdAt,
              terms: text.terms,
              rating_average: source.ratingAverage === null ? null : Number(source.ratingAverage),
              rating_count: source.ratingCount,
            })),
          ),
        ],
      );
    }
    await this.applyVocabularyDelta(tx, delta);
  }

  /** Recounts the vocabulary and the facet counts from the documents (after a full reindex, it heals any drift). */
  async rebuildVocabulary(tx: TenantTransaction): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':search-index'))");
    await tx.query('DELETE FROM search_terms');
    await tx.query('INSERT INTO search_terms (term, documents) SELECT term, count(*) FROM search_documents, unnest(terms) AS term GROUP BY term');
    await tx.query('DELETE FROM search_facet_counts');
    await tx.query(
      'INSERT INTO search_facet_counts (facet, documents) SELECT k, count(*) FROM search_documents d, search_facet_keys(d.category_ids, d.option_values) AS k GROUP BY k',
    );
  }

  private async applyVocabularyDelta(tx: TenantTransaction, delta: Map<string, number>): Promise<void> {
    const changed = [...delta].filter(([, by]) => by !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
    if (changed.length === 0) return;
    await tx.query(
      `INSERT INTO search_terms (term, documents) SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (term) DO UPDATE SET documents = search_terms.documents + excluded.documents`,
      [changed.map(([term]) => term), changed.map(([, by]) => by)],
    );
    await tx.query('DELETE FROM search_terms WHERE documents <= 0 AND term = ANY($1::text[])', [changed.map(([term]) => term)]);
  }
}

