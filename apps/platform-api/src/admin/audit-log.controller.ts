import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { AuditLogEntryEntity } from '@storefront/database';
import { z } from 'zod';
import { PlatformAdminGuard } from '../auth/platform-admin.guard';
import { PlatformDatabase } from '../platform-database';

const auditQuerySchema = z.strictObject({
  tenantId: z.uuid('must be a tenant id').optional(),
  action: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export interface AuditEntryView {
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: string;
  readonly action: string;
  readonly tenantId: string | null;
  readonly details: Record<string, unknown>;
}

/** The platform audit log, newest first, for platform admins. */
@Controller('api/v1/admin/audit-log')
@UseGuards(PlatformAdminGuard)
export class AuditLogController {
  constructor(private readonly database: PlatformDatabase) {}

  @Get()
  async list(
    @Query({ schema: auditQuerySchema }) query: z.infer<typeof auditQuerySchema>,
  ): Promise<{ items: AuditEntryView[]; total: number; page: number; pageSize: number }> {
    const [entries, total] = await this.database.clusters.primary.getRepository(AuditLogEntryEntity).findAndCount({
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
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
