import type { SerializedTenantContext, TenantContext } from '@storefront/contracts';
import { fairSlots, shardQueuePrefix } from '@storefront/outbox';
import { serializeTenantContext } from '@storefront/tenancy';
import { Queue, type ConnectionOptions } from 'bullmq';
import type { DeliveryChannel } from '../notification-events';

/** Queue of one shard's deliveries, next to its `events` queue under the shard's prefix. */
export const DELIVERIES_QUEUE = 'deliveries';

/**
 * Retention: completed jobs are only needed to drop duplicates for a while (the delivery log is
 * the record); failed ones are the admin's dead-letter view, bounded so Redis cannot fill up.
 */
export const DELIVERY_RETENTION = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
} as const;

export interface DeliveryJob {
  readonly tenant: SerializedTenantContext;
  readonly deliveryId: string;
  readonly channel: DeliveryChannel;
  readonly fairTag: number;
}

export interface DeliveryQueueOptions {
  readonly connection: ConnectionOptions;
  readonly shard: number;
  /** Attempts before a delivery becomes a dead letter. */
  readonly attempts: number;
  /** First retry delay; each next one doubles, with jitter so retries of a burst spread out. */
  readonly backoffMs: number;
}

/** Id of the job of a delivery: replays get their own, so a dead letter's failed job can stay on view. */
export function deliveryJobId(deliveryId: string, replay: number): string {
  return replay === 0 ? deliveryId : `${deliveryId}-r${replay}`;
}

/** Producer side of a shard's delivery queue; jobs get fair per-tenant priorities. */
export class DeliveryQueue {
  readonly queue: Queue<DeliveryJob>;

  constructor(private readonly options: DeliveryQueueOptions) {
    this.queue = new Queue<DeliveryJob>(DELIVERIES_QUEUE, { connection: options.connection, prefix: shardQueuePrefix('notifications', options.shard) });
  }

  async enqueue(ctx: TenantContext, deliveries: readonly { id: string; channel: DeliveryChannel; replays: number }[]): Promise<void> {
    if (deliveries.length === 0) return;
    const slots = await fairSlots(await this.queue.backend.client, this.queue.opts.prefix!, DELIVERIES_QUEUE, deliveries.map(() => ctx.tenantId));
    const tenant = serializeTenantContext(ctx);
    await this.queue.addBulk(
      deliveries.map((delivery, i) => ({
        name: delivery.channel,
        data: { tenant, deliveryId: delivery.id, channel: delivery.channel, fairTag: slots[i]!.tag },
        opts: {
          jobId: deliveryJobId(delivery.id, delivery.replays),
          priority: slots[i]!.priority,
          attempts: this.options.attempts,
          backoff: { type: 'exponential', delay: this.options.backoffMs, jitter: 0.5 },
          ...DELIVERY_RETENTION,
        },
      })),
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
