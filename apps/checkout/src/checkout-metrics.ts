import { Counter, type Registry } from 'prom-client';

/** Place-order answers by HTTP status: 201 placed, 402 declined, 409 sold out or conflicts, 504 timeouts. */
export class CheckoutMetrics {
  readonly ordersTotal = new Counter({
    name: 'checkout_place_order_total',
    help: 'Place-order answers by HTTP status',
    labelNames: ['status'] as const,
    registers: [],
  });

  register(registry: Registry): void {
    registry.registerMetric(this.ordersTotal);
  }
}
