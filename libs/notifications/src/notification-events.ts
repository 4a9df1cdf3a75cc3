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

/** What the merchant's webhook endpoints may subscribe to (order and catalog events) is the API's contract. */
export { isWebhookEvent, WEBHOOK_EVENTS, type WebhookEvent } from '@storefront/contracts';

export { DELIVERY_CHANNELS, type DeliveryChannel } from '@storefront/contracts';
