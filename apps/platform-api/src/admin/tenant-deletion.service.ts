import { AuditLogEntryEntity, TenantEntity, type DatabaseClusters } from '@storefront/database';
import type { TenantArchiveStore, TenantDeprovisioner, TenantExporter, TenantRegistry } from '@storefront/tenancy';
import { LessThanOrEqual } from 'typeorm';
import { TenantStateError } from './tenant-admin.service';

export interface TenantDeletion {
  readonly tenantId: string;
  readonly status: 'deleting' | 'deleted';
  /** Where the export archive was written. */
  readonly export: string;
  /** When the schema and role are (or were) dropped. */
  readonly deleteAfter: string;
}

/**
 * Deleting a tenant: export first (a failed export stops the deletion), then mark it deleting
 * (its hosts stop serving, its merchants cannot sign in) and drop schema and role once the
 * retention period has passed: at once when it is zero, otherwise by `purgeDue`.
 */
export class TenantDeletionService {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly registry: TenantRegistry,
    private readonly exporter: TenantExporter,
    private readonly archives: TenantArchiveStore,
    private readonly deprovisioner: TenantDeprovisioner,
    private readonly retentionMs: number,
  ) {}

  async delete(tenantId: string, actor: string, requestId: string): Promise<TenantDeletion> {
    const tenant = await this.registry.get(tenantId);
    if (tenant.status !== 'active' && tenant.status !== 'suspended') {
      throw new TenantStateError(`the tenant is ${tenant.status}; only active or suspended tenants can be deleted`);
    }
    const location = await this.archives.put(await this.exporter.export(tenant, requestId));
    const deleteAfter = new Date(Date.now() + this.retentionMs);
    await this.clusters.primary.transaction(async (manager) => {
      await manager.getRepository(TenantEntity).update({ id: tenantId }, { deleteAfter });
      await manager.getRepository(AuditLogEntryEntity).insert({
        actor,
        action: 'tenant.exported',
        tenantId,
        details: { export: location },
      });
    });
    // setStatus audits the status change and tells host caches to drop the tenant.
    await this.registry.setStatus(tenantId, 'deleting', actor);
    if (this.retentionMs === 0) await this.deprovisioner.purge(await this.registry.get(tenantId), actor);
    const status = this.retentionMs === 0 ? 'deleted' : 'deleting';
    return { tenantId, status, export: location, deleteAfter: deleteAfter.toISOString() };
  }

  /** Drops the data of every tenant whose retention period has passed; returns their ids. */
  async purgeDue(actor = 'system:retention'): Promise<string[]> {
    const due = await this.clusters.primary.getRepository(TenantEntity).findBy({
      status: 'deleting',
      deleteAfter: LessThanOrEqual(new Date()),
    });
    for (const tenant of due) await this.deprovisioner.purge(tenant, actor);
    return due.map((t) => t.id);
  }
}
