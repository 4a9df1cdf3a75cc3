import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ORDER_STATUSES, type OrderList } from '@storefront/contracts';
import { CheckoutError, isTimeZoneName, type OrderDetail, type OrdersSummary } from '@storefront/orders';
import { AcceptPrincipals, HttpErrorWithDetails, parseWithSchema, TenantShardGuard, type ShardRequest } from '@storefront/service-runtime';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CHECKOUT_SERVICES, type CheckoutServices } from '../checkout-services';
import { CheckoutErrorFilter } from './checkout-error.filter';
import { IDEMPOTENCY_KEY, placeOrderSchema } from './place-order.schema';

const listQuerySchema = z.object({
  customerId: z.uuid().optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

const summaryQuerySchema = z.object({
  timeZone: z.string().refine(isTimeZoneName, 'must be an IANA time zone name such as Europe/Berlin').default('UTC'),
});

/**
 * Checkout's API for the storefront (place order, history: shopper tokens) and the merchant API
 * (lifecycle, totals: merchant tokens). Each route names the principals it serves.
 */
@Controller('api/v1/orders')
@UseGuards(TenantShardGuard)
@UseFilters(CheckoutErrorFilter)
export class OrdersController {
  constructor(@Inject(CHECKOUT_SERVICES) private readonly services: CheckoutServices) {}

  @Post()
  @AcceptPrincipals(['shopper'])
  async placeOrder(
    @Req() request: ShardRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<unknown> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new HttpErrorWithDetails(400, 'the Idempotency-Key header is malformed', [
        { field: 'Idempotency-Key', message: '8 to 255 characters: letters, digits, _ . : -' },
      ]);
    }
    const input = parseWithSchema(placeOrderSchema, body ?? {});
    // A shopper signed in at the storefront is vouched for by the token, not by the body.
    const customerId = request.customerId ?? input.customerId;
    try {
      const response = await this.services.placeOrder.placeOrder(
        request.tenantContext,
        { ...input, ...(customerId ? { customerId } : {}) },
        idempotencyKey,
      );
      this.services.metrics.ordersTotal.inc({ status: String(response.statusCode) });
      void reply.status(response.statusCode);
      return response.body;
    } catch (error) {
      this.services.metrics.ordersTotal.inc({ status: error instanceof CheckoutError ? String(error.statusCode) : '500' });
      throw error;
    }
  }

  @Get()
  @AcceptPrincipals(['shopper', 'merchant'])
  list(@Req() request: ShardRequest, @Query() query: unknown): Promise<OrderList> {
    const filter = parseWithSchema(listQuerySchema, query);
    // A shopper sees their own history, named by the token; a guest has none to list.
    if (request.principal.kind === 'shopper' && !request.customerId) throw new HttpErrorWithDetails(403, 'a guest has no order history; sign in first', []);
    const customerId = request.principal.kind === 'shopper' ? request.customerId : filter.customerId;
    return this.services.lifecycle.pageOfOrders(request.tenantContext, { ...filter, ...(customerId ? { customerId } : {}) });
  }

  /** Today's orders and revenue for the merchant's home page (`?timeZone=` decides where today is). */
  @Get('summary')
  @AcceptPrincipals(['merchant'])
  summary(@Req() request: ShardRequest, @Query() query: unknown): Promise<OrdersSummary> {
    return this.services.lifecycle.summaryOfToday(request.tenantContext, parseWithSchema(summaryQuerySchema, query).timeZone);
  }

  /** Shoppers too: the storefront shows an order only to its owner or the browser that placed it. */
  @Get(':id')
  @AcceptPrincipals(['shopper', 'merchant'])
  get(@Req() request: ShardRequest, @Param('id') id: string): Promise<OrderDetail> {
    return this.services.lifecycle.getOrder(request.tenantContext, id);
  }

  @Post(':id/fulfil')
  @AcceptPrincipals(['merchant'])
  @HttpCode(200)
  fulfil(@Req() request: ShardRequest, @Param('id') id: string): Promise<OrderDetail> {
    return this.services.lifecycle.fulfil(request.tenantContext, id);
  }

  @Post(':id/cancel')
  @AcceptPrincipals(['merchant'])
  @HttpCode(200)
  cancel(@Req() request: ShardRequest, @Param('id') id: string): Promise<OrderDetail> {
    return this.services.lifecycle.cancel(request.tenantContext, id);
  }

  @Post(':id/refund')
  @AcceptPrincipals(['merchant'])
  @HttpCode(200)
  refund(@Req() request: ShardRequest, @Param('id') id: string): Promise<OrderDetail> {
    return this.services.lifecycle.refund(request.tenantContext, id);
  }
}
