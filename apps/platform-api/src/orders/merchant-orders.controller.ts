import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res, ServiceUnavailableException, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ShardUnavailableError, type ShardClient } from '@storefront/service-runtime';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';

export const CHECKOUT_ORDERS = Symbol('CHECKOUT_ORDERS');

const listSchema = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(200).optional(),
  offset: z.coerce.number().int('must be a whole number').min(0).optional(),
});

const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The store's orders for its merchant. Orders live with the checkout shard that owns the tenant,
 * so this forwards to it, vouching for the merchant's tenant with a service token: list, detail,
 * fulfil, cancel (stock returns) and refund (through the payment gateway that took the money).
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
    const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return this.forward(merchant, reply, 'GET', `/api/v1/orders${search ? `?${search}` : ''}`);
  }

  @Get(':id')
  get(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.forward(merchant, reply, 'GET', `/api/v1/orders/${this.orderId(id)}`);
  }

  @Post(':id/fulfil')
  @HttpCode(200)
  fulfil(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.forward(merchant, reply, 'POST', `/api/v1/orders/${this.orderId(id)}/fulfil`);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.forward(merchant, reply, 'POST', `/api/v1/orders/${this.orderId(id)}/cancel`);
  }

  @Post(':id/refund')
  @HttpCode(200)
  refund(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.forward(merchant, reply, 'POST', `/api/v1/orders/${this.orderId(id)}/refund`);
  }

  /** Ids that are not UUIDs cannot name an order; answered like any other unknown order. */
  private orderId(id: string): string {
    return ORDER_ID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
  }

  private async forward(merchant: MerchantPrincipal, reply: FastifyReply, method: string, path: string): Promise<unknown> {
    if (!this.checkout) throw new ServiceUnavailableException('orders are unavailable: no checkout service is configured');
    try {
      const answer = await this.checkout.request({ tenantId: merchant.tenant.id }, method, path);
      void reply.status(answer.statusCode);
      return answer.body;
    } catch (error) {
      if (error instanceof ShardUnavailableError) throw new ServiceUnavailableException('checkout is unavailable right now; try again in a moment');
      throw error;
    }
  }
}
