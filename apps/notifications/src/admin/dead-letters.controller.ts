import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { DeadLetter, Delivery } from '@storefront/notifications';
import { ZodValidationPipe } from '@storefront/service-runtime';
import { z } from 'zod';
import { NotificationsErrorFilter } from '../notifications-error.filter';
import { NOTIFICATIONS_SERVICES, type NotificationsServices } from '../notifications-services';
import { AdminTokenGuard, type AdminRequest } from './admin-token.guard';

const pageSchema = z.strictObject({
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** The platform admin's view of this shard's dead letters, across its tenants, with replay. */
@Controller('api/v1/admin/notifications/dead-letters')
@UseGuards(AdminTokenGuard)
@UseFilters(NotificationsErrorFilter)
export class DeadLettersController {
  constructor(@Inject(NOTIFICATIONS_SERVICES) private readonly services: NotificationsServices) {}

  @Get()
  list(@Query() query: unknown): Promise<{ total: number; items: DeadLetter[] }> {
    const page = new ZodValidationPipe(pageSchema).transform(query);
    return this.services.deadLetters.list(page.offset, page.limit);
  }

  @Post(':jobId/replay')
  @HttpCode(202)
  replay(@Req() request: AdminRequest, @Param('jobId') jobId: string): Promise<Delivery> {
    return this.services.deadLetters.replay(jobId, `admin:${request.adminActor}:${String(request.id)}`);
  }
}
