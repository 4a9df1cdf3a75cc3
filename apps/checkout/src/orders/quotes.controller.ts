import { Body, Controller, HttpCode, Inject, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { CartQuote } from '@storefront/contracts';
import { AcceptPrincipals, parseWithSchema, TenantShardGuard, type ShardRequest } from '@storefront/service-runtime';
import { CHECKOUT_SERVICES, type CheckoutServices } from '../checkout-services';
import { CheckoutErrorFilter } from './checkout-error.filter';
import { quoteSchema } from './place-order.schema';

/** The cart's totals before it is ordered (cart page, checkout form): the calculation place-order charges. */
@Controller('api/v1/quotes')
@UseGuards(TenantShardGuard)
@UseFilters(CheckoutErrorFilter)
export class QuotesController {
  constructor(@Inject(CHECKOUT_SERVICES) private readonly services: CheckoutServices) {}

  @Post()
  @HttpCode(200)
  @AcceptPrincipals(['shopper'])
  quote(@Req() request: ShardRequest, @Body() body: unknown): Promise<CartQuote> {
    const input = parseWithSchema(quoteSchema, body ?? {});
    return this.services.quotes.quote(request.tenantContext, input);
  }
}
