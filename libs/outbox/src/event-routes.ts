import type { ShardedService } from '@storefront/tenancy';

/** Which sharded services receive each event type; an unlisted type goes nowhere. */
export const EVENT_SUBSCRIBERS: Readonly<Record<string, readonly ShardedService[]>> = {
  // search refreshes the stock of the ordered products (taken when placed, given back when cancelled).
  'order.placed': ['notifications', 'search'],
  'order.fulfilled': ['notifications'],
  'order.cancelled': ['notifications', 'search'],
  'order.refunded': ['notifications'],
  // notifications: merchants' webhooks may subscribe to catalog events (no email or SMS for them).
  'product.created': ['search', 'notifications'],
  'product.updated': ['search', 'notifications'],
  'product.deleted': ['search', 'notifications'],
  'stock.adjusted': ['search', 'notifications'],
  // search copies the product's new average rating into its document (libs/reviews).
  'product.rating_changed': ['search'],
  'category.updated': ['search'],
  'category.deleted': ['search'],
  // search rebuilds the tenant's index in the new language.
  'store.locale_changed': ['search'],
  'customer.registered': ['notifications'],
  'customer.password_reset_requested': ['notifications'],
  'store.provisioned': ['notifications'],
};

/** Queue name inside the shard's key prefix. */
export const EVENTS_QUEUE = 'events';

/**
 * BullMQ key prefix of one shard: `{<service>:<shard>}`. The braces are a Redis Cluster hash
 * tag, so every key of a shard's queue lands in one slot (BullMQ's scripts need that).
 */
export function shardQueuePrefix(service: ShardedService, shard: number): string {
  return `{${service}:${shard}}`;
}
