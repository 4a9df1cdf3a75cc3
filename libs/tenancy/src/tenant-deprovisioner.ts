import {
  AuditLogEntryEntity,
  assertTenantIdentifier,
  DomainEntity,
  MerchantEntity,
  ShardAssignmentEntity,
  TenantEntity,
  type DatabaseClusters,
} from '@storefront/database';
import type { TenantChangeNotifier } from './tenant-change-notifier';
import { dropStorefrontDatabaseLogin } from './storefront-database-logins';

/**
 * The reverse of provisioning: drops a tenant's schema and role. `purge` keeps the registry row
 * as `deleted` (with its audit trail, and its slug kept from reuse) and removes its merchant
 * accounts, domains and shard assignments; `discard` removes every
 * trace of a tenant that never went live (a signup that failed half-way).
 */
export class TenantDeprovisioner {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly notifier: TenantChangeNotifier,
  ) {}

  async purge(tenant: TenantEntity, actor: string): Promise<void> {
    await this.dropSchemaAndRole(tenant);
    await this.clusters.primary.transaction(async (manager) => {
      await manager.getRepository(DomainEntity).delete({ tenantId: tenant.id });
      // The merchant's account (personal data) goes with the store; its email may sign up again.
      await manager.getRepository(MerchantEntity).delete({ tenantId: tenant.id });
      await manager.getRepository(ShardAssignmentEntity).delete({ tenantId: tenant.id });
      await manager.getRepository(TenantEntity).update({ id: tenant.id }, { status: 'deleted', deleteAfter: null });
      await manager.getRepository(AuditLogEntryEntity).insert({
        actor,
        action: 'tenant.purged',
        tenantId: tenant.id,
        details: { schema: tenant.schemaName, role: tenant.roleName, clusterId: tenant.clusterId },
      });
    });
    await this.notifier.publish({ tenantId: tenant.id });
  }

  async discard(tenant: TenantEntity): Promise<void> {
    await this.dropSchemaAndRole(tenant);
    // Merchants, domains and shard assignments go with the row (ON DELETE CASCADE).
    await this.clusters.primary.getRepository(TenantEntity).delete({ id: tenant.id });
  }

  private async dropSchemaAndRole(tenant: TenantEntity): Promise<void> {
    const schema = assertTenantIdentifier(tenant.schemaName);
    const role = assertTenantIdentifier(tenant.roleName);
    const cluster = this.clusters.get(tenant.clusterId);
    await cluster.transaction(async (manager) => {
      // Serialises with provisioning, migrations and a concurrent purge of the same tenant.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schema]);
      await manager.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      const roleExists = await manager.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      // Default privileges and grants name the role; they go before the role can.
      if (roleExists.length > 0) await manager.query(`DROP OWNED BY "${role}"; DROP ROLE "${role}"`);
    });
    await dropStorefrontDatabaseLogin(this.clusters, tenant);
  }
}
