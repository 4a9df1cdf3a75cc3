import type { QueryRunner } from 'typeorm';

/** What a new store starts with; the merchant changes it afterwards through the settings API. */
export interface TenantSeed {
  readonly storeName: string;
}

/**
 * The first rows of a freshly migrated tenant schema: the store's settings (its name, USD, `en`).
 * Runs like a migration (search_path = the tenant schema, owner role); a second run keeps what is
 * there, so the merchant's later changes survive a re-provisioning.
 */
export async function seedTenantSchema(queryRunner: QueryRunner, seed: TenantSeed): Promise<void> {
  await queryRunner.query(`INSERT INTO store_settings (id, name) VALUES (1, $1) ON CONFLICT (id) DO NOTHING`, [seed.storeName]);
}
