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

  /**
   * Through the owner's drop functions (platform migration PlatformApiLogin): the platform API's
   * own login may drop a tenant's schema, role and storefront login but nothing else, and the
   * owner (operator, in-process provisioning) takes the same path.
   */
  private async dropSchemaAndRole(tenant: TenantEntity): Promise<void> {
    const name = assertTenantIdentifier(tenant.schemaName);
    if (assertTenantIdentifier(tenant.roleName) !== name) throw new Error(`tenant ${tenant.id} has a role not named as its schema`);
    await this.clusters.get(tenant.clusterId).query('SELECT platform.drop_tenant_schema($1)', [name]);
    for (const cluster of new Set([this.clusters.primary, this.clusters.get(tenant.clusterId)])) {
      await cluster.query('SELECT platform.drop_storefront_login($1)', [name]);
    }
  }
}
