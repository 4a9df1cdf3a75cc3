import { AuditLogEntryEntity, TenantEntity, type DatabaseClusters } from '@storefront/database';
import type { TenantDeprovisioner, TenantExporter } from '@storefront/tenancy';

const ACTOR = 'tenant-operator';

/** What happens to a tenant's data when its Store is deleted (the Store's reclaimPolicy). */
export interface TenantReclaimer {
  /** `Delete`: export the data (when object storage is configured), then drop schema and role. Idempotent. */
  purge(tenantId: string): Promise<{ archive?: string }>;
  /** `Retain`: keep schema, role and data; take the tenant out of service. Idempotent. */
  retain(tenantId: string): Promise<void>;
}

export interface DatabaseTenantReclaimerOptions {
  readonly clusters: DatabaseClusters;
  /** The platform API's deletion path, shared: same drop, same registry bookkeeping. */
  readonly deprovisioner: TenantDeprovisioner;
  /** Without it (no object storage configured), `Delete` drops without an export. */
  readonly exporter?: TenantExporter;
}

/** Default reclaimer: the registry and the same export and deprovisioning as the platform API's tenant deletion. */
export class DatabaseTenantReclaimer implements TenantReclaimer {
  constructor(private readonly options: DatabaseTenantReclaimerOptions) {}

  async purge(tenantId: string): Promise<{ archive?: string }> {
    const tenant = await this.options.clusters.primary.getRepository(TenantEntity).findOneBy({ id: tenantId });
    if (!tenant || tenant.status === 'deleted') return {};
    const archive = this.options.exporter ? (await this.options.exporter.export(tenant, `${ACTOR}:${tenantId}`)).location : undefined;
    await this.options.deprovisioner.purge(tenant, ACTOR);
    return archive ? { archive } : {};
  }

  async retain(tenantId: string): Promise<void> {
    await this.options.clusters.primary.transaction(async (manager) => {
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
}
