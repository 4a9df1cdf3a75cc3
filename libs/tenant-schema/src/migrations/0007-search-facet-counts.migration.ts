import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * Facet counts of the whole search index ("category:<id>", "option:<name>\x1f<value>" -> documents
 * holding it), kept by the indexer in the transaction that writes the documents, as it keeps the
 * vocabulary. A search with no text and no filter reads its category and option facets here
 * instead of unnesting every document's arrays (about 10 ms per 10,000 products).
 */
export class SearchFacetCounts0007 implements TenantMigration {
  readonly name = '0007-search-facet-counts';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE search_facet_counts (
        facet text PRIMARY KEY,
        documents int NOT NULL
      );
      INSERT INTO search_facet_counts (facet, documents)
      SELECT facet, count(*) FROM (
        SELECT 'category:' || category_id AS facet FROM search_documents, unnest(category_ids) AS category_id
        UNION ALL
        SELECT 'option:' || pair FROM search_documents, unnest(option_values) AS pair
      ) f GROUP BY facet;
    `);
  }
}
