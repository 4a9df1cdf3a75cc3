import {
  AuditLogEntryEntity,
  assertTenantIdentifier,
  DomainEntity,
  quoteIdentifier,
  ShardAssignmentEntity,
  TenantEntity,
  type DatabaseClusters,
} from '@storefront/database';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const ACTOR = 'tenant-operator';

/** What happens to a tenant's data when its Store is deleted (the Store's reclaimPolicy). */
export interface TenantReclaimer {
  /** `Delete`: export the data (when an export directory is set), then drop schema and role. Idempotent. */
  purge(tenantId: string): Promise<{ archive?: string }>;
  /** `Retain`: keep schema, role and data; take the tenant out of service. Idempotent. */
  retain(tenantId: string): Promise<void>;
}

/**
 * Default reclaimer on the platform registry. The drop mirrors the platform API's tenant
 * deletion; see the operator README for folding both into one shared deprovisioner.
 */
export class DatabaseTenantReclaimer implements TenantReclaimer {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly exportDirectory?: string,
  ) {}

  async purge(tenantId: string): Promise<{ archive?: string }> {
    const tenant = await this.clusters.primary.getRepository(TenantEntity).findOneBy({ id: tenantId });
    if (!tenant || tenant.status === 'deleted') return {};
    const archive = this.exportDirectory ? await this.exportTenant(tenant, this.exportDirectory) : undefined;
    const schema = assertTenantIdentifier(tenant.schemaName);
    const role = assertTenantIdentifier(tenant.roleName);
    await this.clusters.get(tenant.clusterId).transaction(async (manager) => {
      // The same lock provisioning and migrations take, so a drop never races them.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schema]);
      await manager.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
      const roles = await manager.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      // Grants and default privileges name the role; they must go before the role can.
      if (roles.length > 0) await manager.query(`DROP OWNED BY ${quoteIdentifier(role)}; DROP ROLE ${quoteIdentifier(role)}`);
    });
    await this.clusters.primary.transaction(async (manager) => {
      await manager.getRepository(DomainEntity).delete({ tenantId });
      await manager.getRepository(ShardAssignmentEntity).delete({ tenantId });
      await manager.getRepository(TenantEntity).update({ id: tenantId }, { status: 'deleted' });
      await manager.getRepository(AuditLogEntryEntity).insert({
        actor: ACTOR,
        action: 'tenant.purged',
        tenantId,
        details: { schema, role, clusterId: tenant.clusterId, ...(archive ? { archive } : {}) },
      });
    });
    return archive ? { archive } : {};
  }

  async retain(tenantId: string): Promise<void> {
    await this.clusters.primary.transaction(async (manager) => {
      const result = await manager
        .getRepository(TenantEntity)
        .createQueryBuilder()
        .update()
        .set({ status: 'suspended' })
        .where('id = :id AND status IN (:...live)', { id: tenantId, live: ['active', 'provisioning'] })
        .execute();
      if (!result.affected) return;
      await manager.getRepository(AuditLogEntryEntity).insert({ actor: ACTOR, action: 'tenant.retained', tenantId, details: {} });
    });
  }

  /** Every table of the schema as JSON, in one snapshot; never overwrites an earlier export. */
  private async exportTenant(tenant: TenantEntity, directory: string): Promise<string> {
    const schema = assertTenantIdentifier(tenant.schemaName);
    const tables = await this.clusters.get(tenant.clusterId).transaction('REPEATABLE READ', async (manager) => {
      const names: { table_name: string }[] = await manager.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
        [schema],
      );
      const rows: Record<string, unknown[]> = {};
      for (const { table_name: name } of names) {
        rows[name] = await manager.query(`SELECT * FROM ${quoteIdentifier(schema)}.${quoteIdentifier(name)}`);
      }
      return rows;
    });
    await mkdir(directory, { recursive: true });
    const exportedAt = new Date().toISOString();
    const file = join(directory, `${tenant.id}-${exportedAt.replace(/[:.]/g, '-')}.json`);
    const document = { format: 'storefront-tenant-export', version: 1, exportedAt, tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, plan: tenant.plan }, tables };
    await writeFile(file, JSON.stringify(document), { flag: 'wx' });
    return file;
  }
}
