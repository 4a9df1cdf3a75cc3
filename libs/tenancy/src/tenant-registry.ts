import { AuditLogEntryEntity, TenantEntity, type DatabaseClusters, type TenantStatus } from '@storefront/database';
import type { TenantChangeNotifier } from './tenant-change-notifier';

export class TenantNotFoundError extends Error {
  constructor(readonly tenantId: string) {
    super(`tenant ${tenantId} not found`);
    this.name = 'TenantNotFoundError';
  }
}

/** Reads and changes tenant records; every change is audited and announced to host caches. */
export class TenantRegistry {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly notifier: TenantChangeNotifier,
  ) {}

  async get(tenantId: string): Promise<TenantEntity> {
    const tenant = await this.clusters.primary.getRepository(TenantEntity).findOneBy({ id: tenantId });
    if (!tenant) throw new TenantNotFoundError(tenantId);
    return tenant;
  }

  async setStatus(tenantId: string, status: TenantStatus, actor: string): Promise<TenantEntity> {
    await this.clusters.primary.transaction(async (manager) => {
      const result = await manager.getRepository(TenantEntity).update({ id: tenantId }, { status });
      if (!result.affected) throw new TenantNotFoundError(tenantId);
      await manager.getRepository(AuditLogEntryEntity).insert({
        actor,
        action: `tenant.status.${status}`,
        tenantId,
        details: { status },
      });
    });
    await this.notifier.publish({ tenantId });
    return this.get(tenantId);
  }
}
