import { AuditLogEntryEntity, type DatabaseClusters } from '@storefront/database';

export interface AuditEntryView {
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: string;
  readonly action: string;
  readonly tenantId: string | null;
  readonly details: Record<string, unknown>;
}

export interface AuditLogQuery {
  readonly tenantId?: string;
  readonly action?: string;
  readonly page: number;
  readonly pageSize: number;
}

/** Reads the platform audit log, newest first. */
export class AuditLogService {
  constructor(private readonly clusters: DatabaseClusters) {}

  async list(query: AuditLogQuery): Promise<{ items: AuditEntryView[]; total: number }> {
    const [entries, total] = await this.clusters.primary.getRepository(AuditLogEntryEntity).findAndCount({
      where: { ...(query.tenantId ? { tenantId: query.tenantId } : {}), ...(query.action ? { action: query.action } : {}) },
      order: { id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const items = entries.map((e) => ({
      id: e.id,
      occurredAt: e.occurredAt.toISOString(),
      actor: e.actor,
      action: e.action,
      tenantId: e.tenantId,
      details: e.details,
    }));
    return { items, total };
  }
}
