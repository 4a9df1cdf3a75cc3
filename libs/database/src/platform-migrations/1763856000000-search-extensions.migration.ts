import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schema holding database-wide extensions, readable by every role (tenant roles included). */
export const EXTENSIONS_SCHEMA = 'extensions';

/**
 * pg_trgm, once per database: extensions are per database and need the migrations role, so a
 * tenant migration cannot create them. It lives in its own schema because tenant search_paths hold
 * only the tenant schema; tenant SQL names it `extensions.similarity()` / `OPERATOR(extensions.%)`.
 */
export class SearchExtensions1763856000000 implements MigrationInterface {
  name = 'SearchExtensions1763856000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE SCHEMA IF NOT EXISTS ${EXTENSIONS_SCHEMA};
      CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ${EXTENSIONS_SCHEMA};
      GRANT USAGE ON SCHEMA ${EXTENSIONS_SCHEMA} TO PUBLIC;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS pg_trgm; DROP SCHEMA IF EXISTS ${EXTENSIONS_SCHEMA}`);
  }
}
