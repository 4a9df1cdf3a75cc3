import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { PlatformAdminGuard } from '../auth/platform-admin.guard';
import { AuditLogService, type AuditEntryView } from './audit-log.service';
import type { Page } from '@storefront/contracts';

const auditQuerySchema = z.strictObject({
  tenantId: z.uuid('must be a tenant id').optional(),
  action: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** The platform audit log, for platform admins. */
@ApiTags('platform admin')
@Controller('api/v1/admin/audit-log')
@UseGuards(PlatformAdminGuard)
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  async list(
    @Query({ schema: auditQuerySchema }) query: z.infer<typeof auditQuerySchema>,
  ): Promise<Page<AuditEntryView>> {
    return { ...(await this.auditLog.list(query)), page: query.page, pageSize: query.pageSize };
  }
}
