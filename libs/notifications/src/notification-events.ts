/** Business events the notifications service turns into messages (routed in libs/outbox). */
export const NOTIFIED_EVENTS = [
  'order.placed',
  'order.fulfilled',
  'order.cancelled',
  'order.refunded',
  'customer.registered',
  'customer.password_reset_requested',
  'store.provisioned',
] as const;
export type NotifiedEvent = (typeof NOTIFIED_EVENTS)[number];

export function isNotifiedEvent(type: string): type is NotifiedEvent {
  return (NOTIFIED_EVENTS as readonly string[]).includes(type);
}

/** Order events are also offered to the merchant's webhook endpoints. */
export const WEBHOOK_EVENT_TYPES: ReadonlySet<string> = new Set(['order.placed', 'order.fulfilled', 'order.cancelled', 'order.refunded']);

export { DELIVERY_CHANNELS, type DeliveryChannel } from '@storefront/contracts';
