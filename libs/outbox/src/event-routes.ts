import type { ShardedService } from '@storefront/tenancy';

/** Which sharded services receive each event type; an unlisted type goes nowhere. */
export const EVENT_SUBSCRIBERS: Readonly<Record<string, readonly ShardedService[]>> = {
  'order.placed': ['notifications'],
  'order.fulfilled': ['notifications'],
  'order.cancelled': ['notifications'],
  'order.refunded': ['notifications'],
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
