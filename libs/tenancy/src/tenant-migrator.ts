import { assertTenantIdentifier, TenantEntity, type DatabaseClusters } from '@storefront/database';
import { TENANT_MIGRATIONS, type TenantMigration } from '@storefront/tenant-schema';
import { In, LessThan, Not } from 'typeorm';
import { forEachConcurrently } from './for-each-concurrently';

export interface MigratableTenant {
  readonly id: string;
  readonly clusterId: string;
  readonly schemaName: string;
  readonly roleName: string;
}

export interface TenantMigrationResult {
  readonly tenantId: string;
  readonly applied: readonly string[];
  readonly version: number;
}

export interface MigrateAllProgress {
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly tenantId: string;
  readonly error?: Error;
}

export interface MigrateAllSummary {
  readonly total: number;
  readonly succeeded: readonly TenantMigrationResult[];
  readonly failed: readonly { tenantId: string; error: Error }[];
  readonly targetVersion: number;
  readonly durationMs: number;
}

/**
 * Applies tenant migrations, per tenant and across all of them. Each migration is its own
 * transaction recorded in the tenant's `schema_migrations`, so an interrupted run resumes where
 * it stopped; the registry's schema_version lets migrate-all skip tenants already current.
 */
export class TenantMigrator {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly migrations: readonly TenantMigration[] = TENANT_MIGRATIONS,
  ) {}

  get targetVersion(): number {
    return this.migrations.length;
  }

  async migrateTenant(tenant: MigratableTenant): Promise<TenantMigrationResult> {
    const schema = assertTenantIdentifier(tenant.schemaName);
    const role = assertTenantIdentifier(tenant.roleName);
    const dataSource = this.clusters.get(tenant.clusterId);
    const applied: string[] = [];

    for (const migration of this.migrations) {
      const ran = await dataSource.transaction(async (manager) => {
        // Serialises concurrent migrators (operator, CLI, provisioner) on the same tenant.
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schema]);
        await manager.query(`SET LOCAL search_path TO "${schema}"`);
        await manager.query(
          'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
        );
        const done = await manager.query('SELECT 1 FROM schema_migrations WHERE name = $1', [migration.name]);
        if (done.length > 0) return false;
        await migration.up(manager.queryRunner!);
        await manager.query('INSERT INTO schema_migrations (name) VALUES ($1)', [migration.name]);
        // Explicit grants (not only default privileges): those apply only to objects created by
        // the role that set them, and migrations may run as another owner-side role.
        await manager.query(`
          GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${schema}" TO "${role}";
          GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA "${schema}" TO "${role}";
          REVOKE ALL ON schema_migrations FROM "${role}";
        `);
        return true;
      });
      if (ran) applied.push(migration.name);
    }

    const version = this.migrations.length;
    await this.clusters.primary.getRepository(TenantEntity).update({ id: tenant.id }, { schemaVersion: version });
    return { tenantId: tenant.id, applied, version };
  }

  /**
   * Tenants whose recorded schema version is behind, in a stable order. Tenants still being
   * provisioned are left to their provisioner, which migrates them as one of its steps: in
   * Kubernetes mode signup registers them before any schema exists, and a migration job run
   * meanwhile (Helm's pre-upgrade hook) must not fail on them.
   */
  async pendingTenants(): Promise<TenantEntity[]> {
    return this.clusters.primary.getRepository(TenantEntity).find({
      where: { schemaVersion: LessThan(this.targetVersion), status: Not(In(['provisioning', 'deleting', 'deleted'])) },
      order: { id: 'ASC' },
    });
  }

  /**
   * Migrates every tenant that is behind, `concurrency` at a time. A failing tenant is reported
   * and skipped; the rest go on. Re-running picks up only what is still behind.
   */
  async migrateAll(
    options: { concurrency: number; onProgress?: (progress: MigrateAllProgress) => void },
  ): Promise<MigrateAllSummary> {
    const started = Date.now();
    const tenants = await this.pendingTenants();
    const succeeded: TenantMigrationResult[] = [];
    const failed: { tenantId: string; error: Error }[] = [];
    await forEachConcurrently(tenants, options.concurrency, async (tenant) => {
      let error: Error | undefined;
      try {
        succeeded.push(await this.migrateTenant(tenant));
      } catch (caught) {
        error = caught instanceof Error ? caught : new Error(String(caught));
        failed.push({ tenantId: tenant.id, error });
      }
      options.onProgress?.({
        total: tenants.length,
        succeeded: succeeded.length,
        failed: failed.length,
        tenantId: tenant.id,
        ...(error ? { error } : {}),
      });
    });
    return {
      total: tenants.length,
      succeeded,
      failed,
      targetVersion: this.targetVersion,
      durationMs: Date.now() - started,
    };
  }
}
