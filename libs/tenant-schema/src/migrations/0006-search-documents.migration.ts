import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * Product search inside PostgreSQL. One document per active product, written by the search
 * service from catalog events: a weighted tsvector (title A > options B > description C) in the
 * store's language, facet columns, and the words it contains (for typo tolerance and suggestions,
 * counted in `search_terms` and matched by trigram similarity). pg_trgm lives in the `extensions`
 * schema (a platform migration creates it once per database).
 */
export class SearchDocuments0006 implements TenantMigration {
  readonly name = '0006-search-documents';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- The store locale picks the stemmer; unknown locales get 'simple' (no stemming, no stop words).
      CREATE FUNCTION search_config(locale text) RETURNS regconfig LANGUAGE sql STABLE AS $$
        SELECT (CASE lower(split_part(replace(coalesce(locale, ''), '_', '-'), '-', 1))
          WHEN 'en' THEN 'english' WHEN 'de' THEN 'german' WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish'
          WHEN 'it' THEN 'italian' WHEN 'nl' THEN 'dutch' WHEN 'pt' THEN 'portuguese' WHEN 'sv' THEN 'swedish'
          WHEN 'da' THEN 'danish' WHEN 'nb' THEN 'norwegian' WHEN 'no' THEN 'norwegian' WHEN 'fi' THEN 'finnish'
          WHEN 'ru' THEN 'russian' WHEN 'tr' THEN 'turkish' WHEN 'hu' THEN 'hungarian' WHEN 'ro' THEN 'romanian'
          ELSE 'simple' END)::regconfig
      $$;

      CREATE TABLE search_documents (
        -- No foreign key: the indexer removes a document itself, so the vocabulary counts follow.
        product_id uuid PRIMARY KEY,
        language regconfig NOT NULL,
        -- Title plus joined forms of hyphenated words ("T-shirt" also as "tshirt").
        title_text text NOT NULL,
        -- Option names and values, category names.
        options_text text NOT NULL,
        description text NOT NULL,
        category_ids uuid[] NOT NULL DEFAULT '{}',
        -- "<option name>\\x1f<value>" of every variant.
        option_values text[] NOT NULL DEFAULT '{}',
        -- Lowest price of any variant, in minor units.
        price_amount bigint NOT NULL,
        in_stock boolean NOT NULL,
        created_at timestamptz NOT NULL,
        terms text[] NOT NULL DEFAULT '{}',
        indexed_at timestamptz NOT NULL DEFAULT now(),
        document tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector(language, title_text), 'A') ||
          setweight(to_tsvector(language, options_text), 'B') ||
          setweight(to_tsvector(language, description), 'C')
        ) STORED
      );
      CREATE INDEX search_documents_document_idx ON search_documents USING gin (document);
      CREATE INDEX search_documents_categories_idx ON search_documents USING gin (category_ids);
      CREATE INDEX search_documents_options_idx ON search_documents USING gin (option_values);
      CREATE INDEX search_documents_price_idx ON search_documents (price_amount);
      CREATE INDEX search_documents_created_idx ON search_documents (created_at DESC);

      -- Vocabulary of the index: each word with the number of documents holding it.
      CREATE TABLE search_terms (
        term text PRIMARY KEY,
        documents int NOT NULL
      );
      CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (term extensions.gin_trgm_ops);
    `);
  }
}
