import type { DatabaseClusters } from '@storefront/database';
import { advanceFairClockFor, EVENTS_QUEUE, shardQueuePrefix, type RelayedEventJob } from '@storefront/outbox';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { NotificationChannelStrategy } from './channels/notification-channel.strategy';
import type { DeliveryChannel } from './notification-events';
import { NotificationPlanner, type NotificationPlannerOptions } from './planning/notification-planner';
import { TenantFactsReader } from './planning/tenant-facts';
import { NotificationEventProcessor } from './processors/notification-event.processor';
import { SendDeliveryProcessor, type AttemptOutcome } from './processors/send-delivery.processor';
import { DELIVERIES_QUEUE, DeliveryQueue, type DeliveryJob } from './queues/delivery-queue';
import { TenantRateLimiter } from './queues/tenant-rate-limiter';

export interface NotificationWorkersOptions {
  readonly shard: number;
  readonly clusters: DatabaseClusters;
  readonly unitOfWork: TenantUnitOfWork;
  /** BullMQ connection (an ioredis client with `maxRetriesPerRequest: null`). */
  readonly connection: ConnectionOptions;
  /** Regular connection for the rate limiter. */
  readonly redis: Redis;
  readonly channels: readonly NotificationChannelStrategy[];
  readonly attempts: number;
  readonly backoffMs: number;
  readonly eventConcurrency?: number;
  readonly deliveryConcurrency?: number;
  /** Sends per second per tenant on this shard (bursts up to 5 s worth); unset = unlimited. */
  readonly tenantRatePerSecond?: number;
  /** How long a job stays claimed by a worker that stopped answering (crashed) before it is run again. */
  readonly lockDurationMs?: number;
  readonly planner?: NotificationPlannerOptions;
  readonly logger?: Logger;
  readonly onAttempt?: (channel: DeliveryChannel, outcome: AttemptOutcome) => void;
}

/** One shard's BullMQ workers: events -> planned deliveries, deliveries -> channels. */
export class NotificationWorkers {
  readonly deliveries: DeliveryQueue;
  /** The shard's events queue as seen by its consumer (depth metrics, admin views). */
  readonly events: Queue<RelayedEventJob>;
  readonly facts: TenantFactsReader;
  private readonly eventWorker: Worker<RelayedEventJob>;
  private readonly deliveryWorker: Worker<DeliveryJob>;

  constructor(options: NotificationWorkersOptions) {
    const prefix = shardQueuePrefix('notifications', options.shard);
    this.facts = new TenantFactsReader(options.clusters);
    this.events = new Queue<RelayedEventJob>(EVENTS_QUEUE, { connection: options.connection, prefix });
    this.deliveries = new DeliveryQueue({ connection: options.connection, shard: options.shard, attempts: options.attempts, backoffMs: options.backoffMs });
    const events = new NotificationEventProcessor({
      unitOfWork: options.unitOfWork,
      planner: new NotificationPlanner(options.planner),
      facts: this.facts,
      deliveries: this.deliveries,
    });
    const send = new SendDeliveryProcessor({
      unitOfWork: options.unitOfWork,
      channels: options.channels,
      ...(options.tenantRatePerSecond
        ? { limiter: new TenantRateLimiter(options.redis, `${prefix}:deliveries`, options.tenantRatePerSecond, options.tenantRatePerSecond * 5) }
        : {}),
      ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
    });
    const lockDuration = options.lockDurationMs ?? 30_000;
    const common = { connection: options.connection, prefix, autorun: false, lockDuration, stalledInterval: lockDuration };
    this.eventWorker = new Worker<RelayedEventJob>(
      EVENTS_QUEUE,
      async (job) => {
        await advanceFairClockFor(this.eventWorker, job);
        return events.process(job);
      },
      { ...common, concurrency: options.eventConcurrency ?? 8 },
    );
    this.deliveryWorker = new Worker<DeliveryJob>(
      DELIVERIES_QUEUE,
      async (job, token) => {
        await advanceFairClockFor(this.deliveryWorker, job);
        return send.process(job, token);
      },
      { ...common, concurrency: options.deliveryConcurrency ?? 16 },
    );
    for (const worker of [this.eventWorker, this.deliveryWorker] as Worker[]) {
      worker.on('failed', (job, error) =>
        options.logger?.warn({ err: error, jobId: job?.id, queue: worker.name, tenantId: job?.data?.tenant?.tenantId, attempts: job?.attemptsMade }, 'job failed'),
      );
      worker.on('error', (error) => options.logger?.error({ err: error, queue: worker.name }, 'worker error'));
    }
  }

  start(): void {
    if (this.eventWorker.isRunning()) return;
    void this.eventWorker.run();
    void this.deliveryWorker.run();
  }

  async waitUntilReady(): Promise<void> {
    await Promise.all([this.eventWorker.waitUntilReady(), this.deliveryWorker.waitUntilReady()]);
  }

  /** Lets jobs in progress finish (graceful shutdown), then closes the queues. */
  async close(): Promise<void> {
    await Promise.all([this.eventWorker.close(), this.deliveryWorker.close()]);
    await Promise.all([this.deliveries.close(), this.events.close()]);
  }

}
