import type { OrderLifecycleService, PlaceOrderService } from '@storefront/orders';

export const CHECKOUT_SERVICES = Symbol('CHECKOUT_SERVICES');

/** The domain services the HTTP layer calls; built once per process in startCheckout(). */
export interface CheckoutServices {
  readonly placeOrder: PlaceOrderService;
  readonly lifecycle: OrderLifecycleService;
}
