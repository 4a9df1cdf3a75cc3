import { AuditLogEntryEntity, TenantEntity, type DatabaseClusters } from '@storefront/database';
import type { TenantDeprovisioner, TenantExporter, TenantExportProgress, TenantRegistry } from '@storefront/tenancy';
import { LessThanOrEqual } from 'typeorm';
import type { Logger } from '@storefront/observability';
import { StoreUnavailableError, type StoreLifecycleStrategy } from '../provisioning/store-lifecycle.strategy';
import { TenantStateError } from './tenant-admin.service';

const PROGRESS_EVERY_ROWS = 100_000;

export interface TenantDeletion {
  readonly tenantId: string;
  readonly status: 'deleting' | 'deleted';
  /** Where the export archive was written (`s3://bucket/key` or a file path). */
  readonly export: string;
  /** When the schema and role are (or were) dropped. */
  readonly deleteAfter: string;
}

/**
 * Deleting a tenant: mark it deleting (its hosts stop serving, its merchants cannot sign in), export
 * (a failed export stops the deletion and restores the status), remove its workload where it runs
 * elsewhere (Kubernetes: its Store), and drop schema and role once the retention period has
 * passed: at once when it is zero, otherwise by `purgeDue`. This is the only export and the only
 * drop of a deleted tenant in either mode (docs/adr/0102, "Admin actions").
 */
export class TenantDeletionService {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly registry: TenantRegistry,
    private readonly exporter: TenantExporter,
    private readonly deprovisioner: TenantDeprovisioner,
    private readonly retentionMs: number,
    private readonly stores: StoreLifecycleStrategy,
    private readonly logger: Logger,
  ) {}

  async delete(tenantId: string, actor: string, requestId: string): Promise<TenantDeletion> {
    const tenant = await this.registry.get(tenantId);
    if (tenant.status !== 'active' && tenant.status !== 'suspended') {
      throw new TenantStateError(`the tenant is ${tenant.status}; only active or suspended tenants can be deleted`);
    }
    // An unreachable API server answers 503 here, before anything is exported or marked.
    await this.stores.checkRemovable(tenant);
    // Serving stops before the export is taken (setStatus tells host caches to drop the tenant),
    // so no shopper registers or orders after it; a failed export puts the store back as it was.
    await this.registry.setStatus(tenantId, 'deleting', actor);
    let archive: { key: string; location: string; bytes: number };
    try {
      archive = await this.exporter.export(tenant, requestId, this.progressLog(tenantId));
    } catch (error) {
      await this.registry.setStatus(tenantId, tenant.status, actor);
      throw error;
    }
    const deleteAfter = new Date(Date.now() + this.retentionMs);
    await this.clusters.primary.transaction(async (manager) => {
      await manager.getRepository(TenantEntity).update({ id: tenantId }, { deleteAfter });
      await manager.getRepository(AuditLogEntryEntity).insert({
        actor,
        action: 'tenant.exported',
        tenantId,
        details: { export: archive.location, key: archive.key, bytes: archive.bytes },
      });
    });
    const removed = await this.removeStore(tenant);
    // A Store that outlived its check is removed by purgeDue before the drop, never after it.
    const purged = this.retentionMs === 0 && removed;
    if (purged) await this.deprovisioner.purge(await this.registry.get(tenantId), actor);
    const status = purged ? 'deleted' : 'deleting';
    return { tenantId, status, export: archive.location, deleteAfter: deleteAfter.toISOString() };
  }

  /** Drops the data of every tenant whose retention period has passed; returns their ids. */
  async purgeDue(actor = 'system:retention'): Promise<string[]> {
    const due = await this.clusters.primary.getRepository(TenantEntity).findBy({
      status: 'deleting',
      deleteAfter: LessThanOrEqual(new Date()),
    });
    const purged: string[] = [];
    for (const tenant of due) {
      if (!(await this.removeStore(tenant))) continue;
      await this.deprovisioner.purge(tenant, actor);
      purged.push(tenant.id);
    }
    return purged;
  }

  /** A line per finished table, and one per 100 000 rows of a big one: a large store's export shows it is moving. */
  private progressLog(tenantId: string): (progress: TenantExportProgress) => void {
    let nextReport = PROGRESS_EVERY_ROWS;
    return ({ table, tableIndex, tableCount, rows, done }) => {
      if (!done && rows < nextReport) return;
      nextReport = done ? PROGRESS_EVERY_ROWS : rows + PROGRESS_EVERY_ROWS;
      this.logger.info({ tenantId, table, rows, tableIndex, tableCount }, done ? 'tenant export: table done' : 'tenant export: reading table');
    };
  }

  /** False when the workload could not be removed now (logged); the next purgeDue tries again. */
  private async removeStore(tenant: TenantEntity): Promise<boolean> {
    try {
      await this.stores.remove(tenant);
      return true;
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.logger.warn({ tenantId: tenant.id }, 'the Store of a deleted tenant is removed by the next purge');
      return false;
    }
  }
}
