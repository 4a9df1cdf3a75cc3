import type { Order, OrderStatus } from '@storefront/contracts';

/** Words for an order's status as a merchant reads them. */
export const ORDER_STATUS_LABELS: Readonly<Record<OrderStatus, string>> = {
  awaiting_payment: 'Awaiting payment',
  placed: 'Placed',
  fulfilled: 'Fulfilled',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

export type OrderAction = 'fulfil' | 'cancel' | 'refund';

/** What the checkout shard allows next (it decides; the console only offers what can succeed). */
export function actionsFor(order: Order): OrderAction[] {
  const actions: OrderAction[] = [];
  if (order.status === 'placed') actions.push('fulfil', 'cancel');
  if ((order.status === 'placed' || order.status === 'fulfilled') && order.payment?.status === 'captured') actions.push('refund');
  return actions;
}

/** Who bought: the account's email, else the name on the parcel (a guest checkout). */
export function customerOf(order: Order): string {
  return order.customerEmail ?? `${order.shippingAddress.name} (guest)`;
}

export function itemCount(order: Order): number {
  return order.lines.reduce((sum, line) => sum + line.quantity, 0);
}
