import { Controller, Get, HttpCode, HttpException, Inject, Param, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { FeedItem } from '@storefront/notifications';
import { AcceptPrincipals, TenantShardGuard, type ShardRequest } from '@storefront/service-runtime';
import { NotificationsErrorFilter } from '../notifications-error.filter';
import { NOTIFICATIONS_SERVICES, type NotificationsServices } from '../notifications-services';

/** A signed-in shopper's in-app notifications; the customer comes from the service token only. */
@Controller('api/v1/notifications/feed')
@UseGuards(TenantShardGuard)
@AcceptPrincipals(['shopper'])
@UseFilters(NotificationsErrorFilter)
export class CustomerFeedController {
  constructor(@Inject(NOTIFICATIONS_SERVICES) private readonly services: NotificationsServices) {}

  @Get()
  async list(@Req() request: ShardRequest): Promise<{ items: FeedItem[] }> {
    return { items: await this.services.feed.list(request.tenantContext, customerOf(request)) };
  }

  @Post(':id/read')
  @HttpCode(204)
  async markRead(@Req() request: ShardRequest, @Param('id') id: string): Promise<void> {
    await this.services.feed.markRead(request.tenantContext, customerOf(request), id);
  }
}

function customerOf(request: ShardRequest): string {
  if (!request.customerId) throw new HttpException('sign in to see your notifications', 401);
  return request.customerId;
}
