import type { QueryRunner } from 'typeorm';

/**
 * A change to every tenant schema. It runs inside a transaction whose search_path is the tenant
 * schema, as the migrations (owner) role, so it uses unqualified names only.
 */
export interface TenantMigration {
  /** Stable, unique name recorded in the tenant's `schema_migrations` table. */
  readonly name: string;
  up(queryRunner: QueryRunner): Promise<void>;
}
