import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Order } from '@storefront/orders';
import { HttpErrorWithDetails } from '@storefront/service-runtime';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CHECKOUT_SERVICES, type CheckoutServices } from '../checkout-services';
import type { CheckoutRequest } from '../tenancy/checkout-request';
import { TenantShardGuard } from '../tenancy/tenant-shard.guard';
import { CheckoutErrorFilter } from './checkout-error.filter';
import { IDEMPOTENCY_KEY, parseBody, placeOrderSchema } from './place-order.schema';

const listQuerySchema = z.object({
  customerId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/** Checkout's API for the storefront (place order, history) and the merchant API (lifecycle). */
@Controller('api/v1/orders')
@UseGuards(TenantShardGuard)
@UseFilters(CheckoutErrorFilter)
export class OrdersController {
  constructor(@Inject(CHECKOUT_SERVICES) private readonly services: CheckoutServices) {}

  @Post()
  async placeOrder(
    @Req() request: CheckoutRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<unknown> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new HttpErrorWithDetails(400, 'the Idempotency-Key header is malformed', [
        { field: 'Idempotency-Key', message: '8 to 255 characters: letters, digits, _ . : -' },
      ]);
    }
    const input = parseBody(placeOrderSchema, body);
    // A shopper signed in at the storefront is vouched for by the token, not by the body.
    const customerId = request.customerId ?? input.customerId;
    const response = await this.services.placeOrder.placeOrder(
      request.tenantContext,
      { ...input, ...(customerId ? { customerId } : {}) },
      idempotencyKey,
    );
    void reply.status(response.statusCode);
    return response.body;
  }

  @Get()
  async list(@Req() request: CheckoutRequest, @Query() query: unknown): Promise<{ items: Order[] }> {
    const filter = parseBody(listQuerySchema, query);
    const customerId = request.customerId ?? filter.customerId;
    const items = await this.services.lifecycle.listOrders(request.tenantContext, { ...filter, ...(customerId ? { customerId } : {}) });
    return { items };
  }

  @Get(':id')
  get(@Req() request: CheckoutRequest, @Param('id') id: string): Promise<Order> {
    return this.services.lifecycle.getOrder(request.tenantContext, id);
  }

  @Post(':id/fulfil')
  @HttpCode(200)
  fulfil(@Req() request: CheckoutRequest, @Param('id') id: string): Promise<Order> {
    return this.services.lifecycle.fulfil(request.tenantContext, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Req() request: CheckoutRequest, @Param('id') id: string): Promise<Order> {
    return this.services.lifecycle.cancel(request.tenantContext, id);
  }

  @Post(':id/refund')
  @HttpCode(200)
  refund(@Req() request: CheckoutRequest, @Param('id') id: string): Promise<Order> {
    return this.services.lifecycle.refund(request.tenantContext, id);
  }
}
