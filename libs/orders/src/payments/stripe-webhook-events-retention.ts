import type { RetentionRule } from '@storefront/tenancy';

/**
 * Stripe's event ids are kept to drop a redelivered event; Stripe retries an undelivered event
 * for up to three days, so a retention well past that still catches every duplicate.
 */
export function stripeWebhookEventsRetention(retentionHours: number): RetentionRule {
  return { table: 'stripe_webhook_events', expired: 'received_at < now() - make_interval(hours => $1)', parameters: [retentionHours] };
}
