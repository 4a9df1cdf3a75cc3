import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, UseFilters, UseGuards } from '@nestjs/common';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, type Delivery, type DeliveryDetail } from '@storefront/notifications';
import { AcceptPrincipals, TenantShardGuard, ZodValidationPipe, type ShardRequest } from '@storefront/service-runtime';
import { z } from 'zod';
import { NotificationsErrorFilter } from '../notifications-error.filter';
import { NOTIFICATIONS_SERVICES, type NotificationsServices } from '../notifications-services';

const listQuerySchema = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional(),
  channel: z.enum(DELIVERY_CHANNELS).optional(),
  eventId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/** The merchant's delivery log (sent, retrying, failed) with attempts, and replay of dead letters. */
@Controller('api/v1/notifications/deliveries')
@UseGuards(TenantShardGuard)
@AcceptPrincipals(['merchant'])
@UseFilters(NotificationsErrorFilter)
export class DeliveriesController {
  constructor(@Inject(NOTIFICATIONS_SERVICES) private readonly services: NotificationsServices) {}

  @Get()
  list(@Req() request: ShardRequest, @Query() query: unknown): Promise<{ items: Delivery[]; total: number }> {
    const filter = new ZodValidationPipe(listQuerySchema).transform(query);
    return this.services.deliveryLog.page(request.tenantContext, filter);
  }

  @Get(':id')
  get(@Req() request: ShardRequest, @Param('id') id: string): Promise<DeliveryDetail> {
    return this.services.deliveryLog.get(request.tenantContext, id);
  }

  @Post(':id/replay')
  @HttpCode(202)
  replay(@Req() request: ShardRequest, @Param('id') id: string): Promise<Delivery> {
    return this.services.deliveryLog.replay(request.tenantContext, id);
  }
}
