/**
 * `GET /api/v1/admin/health` (platform admins): every dependency and shard the platform API can
 * see, each probed with a timeout, so a dead one shows as down instead of holding the answer.
 */
import type { ShardedService } from './tenants';

export type HealthState = 'up' | 'down';

export interface ServiceHealth {
  /** `platform-api`, `postgres:<cluster>`, `redis`. */
  readonly name: string;
  readonly state: HealthState;
  /** What the probe saw: the checks of a readiness report, or the error. */
  readonly detail: string;
  readonly latencyMs: number;
}

export interface QueueDepth {
  /** Queue name inside the shard's key prefix (`events`, `deliveries`, `reindex`). */
  readonly queue: string;
  /** Waiting to run (prioritized included). */
  readonly waiting: number;
  readonly active: number;
  /** Waiting for a retry or a rate limit. */
  readonly delayed: number;
  /** Dead letters / jobs that used every attempt. */
  readonly failed: number;
}

export interface ShardHealth {
  readonly service: ShardedService;
  readonly shard: number;
  readonly url: string;
  readonly state: HealthState;
  /** The shard's /health/ready checks, or why it could not be asked. */
  readonly detail: string;
  readonly latencyMs: number;
  /** Tenants recorded on this shard. */
  readonly tenants: number;
  /** Its BullMQ queues (notifications and search shards); null when Redis could not be asked. */
  readonly queues: readonly QueueDepth[] | null;
}

export interface PlatformHealth {
  readonly checkedAt: string;
  /** `up` when every service and shard is. */
  readonly state: HealthState;
  readonly services: readonly ServiceHealth[];
  readonly shards: readonly ShardHealth[];
}
