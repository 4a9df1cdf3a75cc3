import type { DatabaseClusters } from '@storefront/database';
import { serializeTenantContext, tenantContextFor, type ShardedService } from '@storefront/tenancy';
import { Queue, type ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import type { DomainEvent } from './domain-event';
import { EVENT_SUBSCRIBERS, EVENTS_QUEUE, shardQueuePrefix } from './event-routes';
import type { RelayedEventJob } from './relayed-event.job';
import { fairSlots } from './tenant-fair-queue';

export interface OutboxRelayOptions {
  readonly clusters: DatabaseClusters;
  readonly connection: ConnectionOptions;
  readonly logger?: Logger;
  readonly batchSize?: number;
  /** Pause between polls when a cluster's outbox is empty. */
  readonly idleMs?: number;
  readonly subscribers?: Readonly<Record<string, readonly ShardedService[]>>;
  /** Published rows older than this are deleted (they outlive BullMQ's job-id dedupe window). */
  readonly retentionSeconds?: number;
}

interface OutboxRow {
  seq: string;
  event_id: string;
  tenant_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * Kept long enough that a re-publish after a crash (seconds to minutes later) still meets its job
 * id and is dropped, and capped by count so a busy shard's Redis does not hold a week of events;
 * a duplicate past the cap is still dropped by its consumer (processed_events).
 */
const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 100_000 };
const PURGE_EVERY_MS = 10 * 60_000;
const KEEP_FAILED = { age: 30 * 24 * 3600, count: 100_000 };

/**
 * Moves committed outbox rows to the owning shards' BullMQ queues. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so any number of relays share the work; a row is marked published
 * only after Redis accepted its jobs, and a re-publish is deduped by job id = event id.
 * Delivery is at-least-once: consumers dedupe by event id as well.
 */
export class OutboxRelay {
  private readonly queues = new Map<string, Queue<RelayedEventJob>>();
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly subscribers: Readonly<Record<string, readonly ShardedService[]>>;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.idleMs = options.idleMs ?? 50;
    this.subscribers = options.subscribers ?? EVENT_SUBSCRIBERS;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = this.options.clusters.clusterIds.map((clusterId) => this.loop(clusterId));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }

  /** Publishes one batch of a cluster's outbox; returns how many events it published. */
  async relayBatch(clusterId: string): Promise<number> {
    return this.options.clusters.get(clusterId).transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT seq, event_id, tenant_id, event_type, payload, occurred_at FROM platform.outbox
          WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const shards = await this.shardsOf([...new Set(rows.map((row) => row.tenant_id))]);
      const byQueue = new Map<string, { service: ShardedService; shard: number; jobs: RelayedEventJob[] }>();
      for (const row of rows) {
        const event: DomainEvent = {
          id: row.event_id,
          type: row.event_type,
          tenantId: row.tenant_id,
          occurredAt: row.occurred_at.toISOString(),
          payload: row.payload,
        };
        const tenant = serializeTenantContext(tenantContextFor({ id: row.tenant_id, clusterId }, `event-${row.event_id}`));
        for (const service of this.subscribers[row.event_type] ?? []) {
          const shard = shards.get(`${row.tenant_id}/${service}`);
          if (shard === undefined) {
            this.options.logger?.warn({ eventId: row.event_id, tenantId: row.tenant_id, service }, 'no shard for event; dropped');
            continue;
          }
          const key = shardQueuePrefix(service, shard);
          const entry = byQueue.get(key) ?? { service, shard, jobs: [] };
          entry.jobs.push({ event, tenant });
          byQueue.set(key, entry);
        }
      }
      for (const { service, shard, jobs } of byQueue.values()) {
        const queue = this.queueOf(service, shard);
        // Tenants take turns on a shard's queue, so one tenant's burst cannot starve the others.
        const slots = await fairSlots(await queue.backend.client, queue.opts.prefix!, EVENTS_QUEUE, jobs.map((job) => job.event.tenantId));
        await queue.addBulk(
          jobs.map((job, i) => ({
            name: job.event.type,
            data: { ...job, fairTag: slots[i]!.tag },
            opts: {
              jobId: job.event.id,
              priority: slots[i]!.priority,
              attempts: 8,
              backoff: { type: 'exponential', delay: 1_000 },
              removeOnComplete: KEEP_COMPLETED,
              // Failed jobs stay as the dead-letter set, for an admin to inspect and retry; bounded
              // so a poisoned stream cannot fill Redis.
              removeOnFail: KEEP_FAILED,
            },
          })),
        );
      }
      await manager.query('UPDATE platform.outbox SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])', [
        rows.map((row) => row.seq),
      ]);
      return rows.length;
    });
  }

  /** Deletes published rows past the retention; returns how many. */
  async purgePublished(clusterId: string): Promise<number> {
    const [, deleted] = await this.options.clusters
      .get(clusterId)
      .query('DELETE FROM platform.outbox WHERE published_at < now() - make_interval(secs => $1)', [
        this.options.retentionSeconds ?? 7 * 24 * 3600,
      ]);
    return deleted as number;
  }

  /** The queue of one shard's events, as producers and consumers name it. */
  queueOf(service: ShardedService, shard: number): Queue<RelayedEventJob> {
    const prefix = shardQueuePrefix(service, shard);
    let queue = this.queues.get(prefix);
    if (!queue) {
      queue = new Queue<RelayedEventJob>(EVENTS_QUEUE, { connection: this.options.connection, prefix });
      // Redis being away is expected now and then: the batch waits or fails and is retried.
      queue.on('error', (error) => this.options.logger?.warn({ err: error, queue: prefix }, 'event queue connection error'));
      this.queues.set(prefix, queue);
    }
    return queue;
  }

  private async shardsOf(tenantIds: string[]): Promise<Map<string, number>> {
    const rows: { tenant_id: string; service: string; shard: number }[] = await this.options.clusters.primary.query(
      'SELECT tenant_id, service, shard FROM platform.shard_assignments WHERE tenant_id = ANY($1::uuid[])',
      [tenantIds],
    );
    return new Map(rows.map((row) => [`${row.tenant_id}/${row.service}`, row.shard]));
  }

  private async loop(clusterId: string): Promise<void> {
    let failures = 0;
    let nextPurge = Date.now() + PURGE_EVERY_MS;
    while (this.running) {
      try {
        if (Date.now() > nextPurge) {
          nextPurge = Date.now() + PURGE_EVERY_MS;
          await this.purgePublished(clusterId);
        }
        const published = await this.relayBatch(clusterId);
        failures = 0;
        if (published < this.batchSize) await sleep(this.idleMs);
      } catch (error) {
        // PostgreSQL or Redis is away: back off and try again; unpublished rows stay put.
        failures++;
        this.options.logger?.error({ err: error, clusterId }, 'outbox relay batch failed');
        await sleep(Math.min(5_000, this.idleMs * 2 ** failures));
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
