/** Wire types of a store's webhook endpoints (platform API <-> console). */

/**
 * Events a webhook endpoint can subscribe to: the one list the API validates against, the
 * console offers and the notifications service delivers, so a subscription can never be accepted
 * for an event that is never sent.
 */
export const WEBHOOK_EVENTS = [
  'order.placed',
  'order.fulfilled',
  'order.cancelled',
  'order.refunded',
  'product.created',
  'product.updated',
  'product.deleted',
  'stock.adjusted',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(type: string): type is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(type);
}

export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly events: readonly WebhookEvent[];
  readonly active: boolean;
}

/** The answer that created an endpoint: the only one carrying its signing secret. */
export interface CreatedWebhookEndpoint extends WebhookEndpoint {
  readonly secret: string;
}
