import { Body, Controller, Get, Inject, Patch, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { PaymentSettingsView, StorePaymentOptions } from '@storefront/contracts';
import { paymentSettingsChangeSchema, type PaymentSettingsUpdate } from '@storefront/orders';
import { AcceptPrincipals, parseWithSchema, TenantShardGuard, type ShardRequest } from '@storefront/service-runtime';
import { CHECKOUT_SERVICES, type CheckoutServices } from '../checkout-services';
import { CheckoutErrorFilter } from '../orders/checkout-error.filter';

/**
 * A store's payment settings live with its checkout shard, the only service holding the keyring
 * that seals provider secrets: the merchant reads and changes them (through the platform API),
 * the storefront reads what it may offer shoppers.
 */
@Controller('api/v1')
@UseGuards(TenantShardGuard)
@UseFilters(CheckoutErrorFilter)
export class PaymentSettingsController {
  constructor(@Inject(CHECKOUT_SERVICES) private readonly services: CheckoutServices) {}

  @Get('payment-settings')
  @AcceptPrincipals(['merchant'])
  get(@Req() request: ShardRequest): Promise<PaymentSettingsView> {
    return this.services.paymentSettings.get(request.tenantContext);
  }

  /** Answers the settings and the paths that changed (for the platform API's audit log). */
  @Patch('payment-settings')
  @AcceptPrincipals(['merchant'])
  change(@Req() request: ShardRequest, @Body() body: unknown): Promise<PaymentSettingsUpdate> {
    return this.services.paymentSettings.update(request.tenantContext, parseWithSchema(paymentSettingsChangeSchema, body ?? {}));
  }

  /** What shoppers may pay with; no secret in it. */
  @Get('payment-options')
  @AcceptPrincipals(['shopper', 'merchant'])
  options(@Req() request: ShardRequest): Promise<StorePaymentOptions> {
    return this.services.gateways.settings.options(request.tenantContext);
  }
}
