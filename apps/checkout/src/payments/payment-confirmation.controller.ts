import { Body, Controller, HttpCode, Inject, Param, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { OrderDetail } from '@storefront/contracts';
import { verifiedStripeEvent, type StripeEventOutcome } from '@storefront/orders';
import { AcceptPrincipals, parseWithSchema, TenantShardGuard, type ShardRequest } from '@storefront/service-runtime';
import { z } from 'zod';
import { CHECKOUT_SERVICES, type CheckoutServices } from '../checkout-services';
import { CheckoutErrorFilter } from '../orders/checkout-error.filter';

/** What the storefront forwards of a Stripe delivery: the exact bytes and the signature header. */
const stripeDeliverySchema = z.strictObject({
  payload: z.string().min(2).max(512 * 1024),
  signature: z.string().max(2_000).optional(),
});

/**
 * News about payments the shopper had to confirm: the shopper's browser back from their bank
 * (refresh asks the gateway), and Stripe's webhook events for the store, which the storefront
 * forwards from the store's own address. The signature, checked with the store's webhook
 * secret, is what makes an event believable, not the token that carried it here.
 */
@Controller('api/v1')
@UseGuards(TenantShardGuard)
@UseFilters(CheckoutErrorFilter)
export class PaymentConfirmationController {
  constructor(@Inject(CHECKOUT_SERVICES) private readonly services: CheckoutServices) {}

  @Post('orders/:id/payment/refresh')
  @AcceptPrincipals(['shopper', 'merchant'])
  @HttpCode(200)
  refresh(@Req() request: ShardRequest, @Param('id') id: string): Promise<OrderDetail> {
    return this.services.confirmations.refresh(request.tenantContext, id);
  }

  @Post('stripe-webhook')
  @AcceptPrincipals(['shopper'])
  @HttpCode(200)
  async stripeWebhook(@Req() request: ShardRequest, @Body() body: unknown): Promise<{ received: true; outcome: StripeEventOutcome }> {
    const delivery = parseWithSchema(stripeDeliverySchema, body ?? {});
    const event = await verifiedStripeEvent(this.services.gateways.settings, request.tenantContext, delivery.payload, delivery.signature);
    return { received: true, outcome: await this.services.confirmations.applyStripeEvent(request.tenantContext, event) };
  }
}
