import type { RetentionRule } from '@storefront/tenancy';

/**
 * Event ids consumers recorded (consumeOnce) are needed only while the event can still be
 * redelivered: a retried or re-relayed job comes within minutes to hours, so days of retention
 * keep every duplicate caught.
 */
export function processedEventsRetention(retentionHours: number): RetentionRule {
  return { table: 'processed_events', expired: 'processed_at < now() - make_interval(hours => $1)', parameters: [retentionHours] };
}
