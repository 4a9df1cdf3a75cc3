import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from '@storefront/contracts';
import type { ShardClient } from '@storefront/service-runtime';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';
import { pagingQuery } from '../http/paging-query';
import { forwardedQuery, forwardToShard, pathId } from '../http/shard-forwarding';

export const NOTIFICATION_DELIVERIES = Symbol('NOTIFICATION_DELIVERIES');

const listSchema = z.strictObject({
  channel: z.enum(DELIVERY_CHANNELS, `must be one of ${DELIVERY_CHANNELS.join(', ')}`).optional(),
  status: z.enum(DELIVERY_STATUSES, `must be one of ${DELIVERY_STATUSES.join(', ')}`).optional(),
  ...pagingQuery,
});

/**
 * The store's delivery log (emails, SMS, webhook calls) and its dead letters (`status=failed`),
 * kept by the notifications shard that owns the tenant. Forwarded with a service token naming
 * the merchant's tenant only, so the shard reads that tenant's schema and nothing else: another
 * store's delivery id is simply not there (404).
 */
@ApiTags('notifications')
@Controller('api/v1/store/notification-deliveries')
@UseGuards(MerchantGuard)
export class NotificationDeliveriesController {
  constructor(@Inject(NOTIFICATION_DELIVERIES) private readonly notifications: ShardClient | null) {}

  @Get()
  list(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Query({ schema: listSchema }) query: z.infer<typeof listSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return this.forward(merchant, reply, 'GET', `/api/v1/notifications/deliveries${forwardedQuery(query)}`);
  }

  /** One delivery with every attempt (status code or error, duration). */
  @Get(':id')
  get(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.forward(merchant, reply, 'GET', `/api/v1/notifications/deliveries/${pathId(id)}`);
  }

  /** Sends a dead letter again with a fresh set of attempts (202; 409 when it is not a dead letter). */
  @Post(':id/replay')
  @HttpCode(202)
  replay(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.forward(merchant, reply, 'POST', `/api/v1/notifications/deliveries/${pathId(id)}/replay`);
  }

  private forward(merchant: MerchantPrincipal, reply: FastifyReply, method: string, path: string): Promise<unknown> {
    return forwardToShard(this.notifications, 'notifications', merchant, reply, method, path);
  }
}
