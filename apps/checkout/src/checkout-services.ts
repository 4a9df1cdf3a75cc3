import type { CartQuotes, OrderLifecycleService, PaymentConfirmations, PaymentGateways, PaymentSettingsService, PlaceOrderService } from '@storefront/orders';
import type { CheckoutMetrics } from './checkout-metrics';

export const CHECKOUT_SERVICES = Symbol('CHECKOUT_SERVICES');

/** The domain services the HTTP layer calls; built once per process in startCheckout(). */
export interface CheckoutServices {
  readonly placeOrder: PlaceOrderService;
  readonly quotes: CartQuotes;
  readonly lifecycle: OrderLifecycleService;
  readonly paymentSettings: PaymentSettingsService;
  readonly gateways: PaymentGateways;
  readonly confirmations: PaymentConfirmations;
  readonly metrics: CheckoutMetrics;
}
