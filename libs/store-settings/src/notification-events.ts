/**
 * Store events a merchant can word notifications for, with the placeholders each template may
 * use (`{{order.total}}`). The notifications module renders them; unknown placeholders are refused
 * when a template is saved, so a typo never reaches a customer.
 */
export const NOTIFICATION_EVENTS = {
  'order.placed': ['store.name', 'customer.email', 'order.id', 'order.total', 'order.items', 'order.breakdown'],
  'order.fulfilled': ['store.name', 'customer.email', 'order.id', 'order.trackingUrl'],
  'order.cancelled': ['store.name', 'customer.email', 'order.id', 'order.total'],
  'order.refunded': ['store.name', 'customer.email', 'order.id', 'order.refundTotal'],
  'customer.registered': ['store.name', 'customer.email'],
} as const satisfies Record<string, readonly string[]>;

export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;
export const NOTIFICATION_EVENT_NAMES = Object.keys(NOTIFICATION_EVENTS) as [NotificationEvent, ...NotificationEvent[]];

export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Events a webhook endpoint can subscribe to (part of the merchant API's contract). */
export { WEBHOOK_EVENTS, type WebhookEvent } from '@storefront/contracts';

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Placeholders in `text` that the event does not provide. */
export function unknownPlaceholders(event: NotificationEvent, text: string): string[] {
  const allowed = new Set<string>(NOTIFICATION_EVENTS[event]);
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!).filter((name) => !allowed.has(name));
}
