import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ORDER_STATUSES } from '@storefront/contracts';
import { isTimeZoneName, TIME_ZONE_NAME_MAX_LENGTH, TIME_ZONE_NAME_SHAPE } from '@storefront/orders';
import type { ShardClient } from '@storefront/service-runtime';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';
import { pagingQuery } from '../http/paging-query';
import { forwardedQuery, forwardToShard, pathId } from '../http/shard-forwarding';

export const CHECKOUT_ORDERS = Symbol('CHECKOUT_ORDERS');

const listSchema = z.strictObject({
  status: z.enum(ORDER_STATUSES, `must be one of ${ORDER_STATUSES.join(', ')}`).optional(),
  ...pagingQuery,
});

const summarySchema = z.strictObject({
  timeZone: z
    .string()
    .refine(isTimeZoneName, 'must be an IANA time zone name such as Europe/Berlin')
    // The document can state the spelling; which names exist is the runtime's time zone database.
    .meta({ pattern: TIME_ZONE_NAME_SHAPE.source, maxLength: TIME_ZONE_NAME_MAX_LENGTH, description: 'an IANA time zone name such as Europe/Berlin' })
    .default('UTC'),
});

/**
 * The store's orders for its merchant. Orders live with the checkout shard that owns the tenant,
 * so this forwards to it, vouching for the merchant's tenant with a service token: list (status
 * filter, paging), today's summary, detail with history, fulfil, cancel (stock returns) and
 * refund (through the payment gateway that took the money).
 */
@ApiTags('orders')
@Controller('api/v1/orders')
@UseGuards(MerchantGuard)
export class MerchantOrdersController {
  constructor(@Inject(CHECKOUT_ORDERS) private readonly checkout: ShardClient | null) {}

  @Get()
  list(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Query({ schema: listSchema }) query: z.infer<typeof listSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return this.forward(merchant, reply, 'GET', `/api/v1/orders${forwardedQuery(query)}`);
  }

  /**
   * Today's orders and revenue. "Today" is the calendar day in `timeZone` (the console sends the
   * browser's; UTC when absent), computed on the checkout shard over all of the day's orders,
   * with revenue per currency.
   */
  @Get('summary')
  summary(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Query({ schema: summarySchema }) query: z.infer<typeof summarySchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return this.forward(merchant, reply, 'GET', `/api/v1/orders/summary${forwardedQuery(query)}`);
  }

  @Get(':id')
  get(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.forward(merchant, reply, 'GET', `/api/v1/orders/${pathId(id)}`);
  }

  @Post(':id/fulfil')
  @HttpCode(200)
  fulfil(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.forward(merchant, reply, 'POST', `/api/v1/orders/${pathId(id)}/fulfil`);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.forward(merchant, reply, 'POST', `/api/v1/orders/${pathId(id)}/cancel`);
  }

  @Post(':id/refund')
  @HttpCode(200)
  refund(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.forward(merchant, reply, 'POST', `/api/v1/orders/${pathId(id)}/refund`);
  }

  private forward(merchant: MerchantPrincipal, reply: FastifyReply, method: string, path: string): Promise<unknown> {
    return forwardToShard(this.checkout, 'orders', merchant, reply, method, path);
  }
}
