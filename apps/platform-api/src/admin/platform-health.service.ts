import type { PlatformHealth, QueueDepth, ServiceHealth, ShardedService, ShardHealth } from '@storefront/contracts';
import { SHARDED_SERVICES } from '@storefront/contracts';
import type { DatabaseClusters } from '@storefront/database';
import { DELIVERIES_QUEUE } from '@storefront/notifications';
import { EVENTS_QUEUE, shardQueuePrefix } from '@storefront/outbox';
import { REINDEX_QUEUE } from '@storefront/product-search';
import type { ShardRouter } from '@storefront/tenancy';
import type Redis from 'ioredis';

/** The BullMQ queues each sharded service consumes, under its shard's key prefix. */
const SHARD_QUEUES: Readonly<Record<ShardedService, readonly string[]>> = {
  checkout: [],
  search: [EVENTS_QUEUE, REINDEX_QUEUE],
  notifications: [EVENTS_QUEUE, DELIVERIES_QUEUE],
};

export interface PlatformHealthOptions {
  readonly clusters: DatabaseClusters;
  /** Its options are copied for the probes' own connection (which fails fast instead of queueing). */
  readonly redis: Redis;
  readonly router: ShardRouter;
  readonly shardCounts: Readonly<Record<ShardedService, number>>;
  /** How long one probe (a shard's readiness, a database, Redis, a queue) may take before it counts as down. */
  readonly probeTimeoutMs?: number;
}

/**
 * What a platform admin's health page shows: the platform API's own dependencies, every shard's
 * readiness (`/health/ready`) and its queue depths. Every probe runs at once and has its own
 * timeout, so the answer comes within about one timeout even when a shard accepts connections
 * and never answers; that shard is reported down, the others as they are.
 */
export class PlatformHealthService {
  private readonly timeoutMs: number;
  /**
   * The probes' Redis connection: every command times out with the probe and is dropped after one
   * failed reconnect, so while Redis is down nothing parks in the offline queue to pile up with
   * every refresh (the shared connections wait for Redis forever, as BullMQ needs).
   */
  private readonly probeRedis: Redis;
  /** The check under way: concurrent callers share it, so a hung dependency collects one waiter, not one per page view. */
  private running: Promise<PlatformHealth> | undefined;

  constructor(private readonly options: PlatformHealthOptions) {
    this.timeoutMs = options.probeTimeoutMs ?? 2_000;
    // No key prefix: the shards' queue keys are read as the shards wrote them.
    this.probeRedis = options.redis.duplicate({ maxRetriesPerRequest: 1, commandTimeout: this.timeoutMs, keyPrefix: '' });
    // Errors surface in the probes; without a listener ioredis would print each reconnect failure.
    this.probeRedis.on('error', () => undefined);
  }

  check(): Promise<PlatformHealth> {
    this.running ??= this.checkNow().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async checkNow(): Promise<PlatformHealth> {
    const shardList = SHARDED_SERVICES.flatMap((service) =>
      Array.from({ length: this.options.shardCounts[service] }, (_, shard) => ({ service, shard })),
    );
    const [services, tenantsPerShard, shards] = await Promise.all([
      this.services(),
      this.probe(() => this.tenantsPerShard()).then((outcome) => (outcome.ok ? outcome.value : new Map<string, number>())),
      Promise.all(shardList.map(({ service, shard }) => this.shard(service, shard))),
    ]);
    const withTenants = shards.map((s) => ({ ...s, tenants: tenantsPerShard.get(`${s.service}:${s.shard}`) ?? 0 }));
    const allUp = services.every((s) => s.state === 'up') && withTenants.every((s) => s.state === 'up');
    return { checkedAt: new Date().toISOString(), state: allUp ? 'up' : 'down', services, shards: withTenants };
  }

  async close(): Promise<void> {
    this.probeRedis.disconnect();
  }

  private async services(): Promise<ServiceHealth[]> {
    const probes: { name: string; run: () => Promise<string> }[] = [
      { name: 'platform-api', run: async () => 'answering' },
      ...this.options.clusters.clusterIds.map((id) => ({
        name: `postgres:${id}`,
        run: async () => {
          await this.options.clusters.get(id).query('SELECT 1');
          return 'SELECT 1 ok';
        },
      })),
      {
        name: 'redis',
        run: async () => {
          const pong = await this.probeRedis.ping();
          if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
          return 'PING ok';
        },
      },
    ];
    return Promise.all(
      probes.map(async ({ name, run }) => {
        const outcome = await this.probe(run);
        return { name, state: outcome.ok ? 'up' : 'down', detail: outcome.ok ? outcome.value : outcome.error, latencyMs: outcome.latencyMs };
      }),
    );
  }

  private async shard(service: ShardedService, shard: number): Promise<ShardHealth> {
    const url = this.options.router.urlOf(service, shard);
    const [ready, queues] = await Promise.all([
      this.probe(async () => {
        const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(this.timeoutMs) });
        const report = (await response.json().catch(() => null)) as { checks?: Record<string, string> } | null;
        const checks = Object.entries(report?.checks ?? {})
          .map(([name, result]) => `${name}: ${result}`)
          .join(', ');
        if (!response.ok) throw new Error(`not ready (${response.status})${checks ? `: ${checks}` : ''}`);
        return checks || 'ready';
      }),
      SHARD_QUEUES[service].length === 0
        ? Promise.resolve({ ok: true as const, value: [] as QueueDepth[], latencyMs: 0 })
        : this.probe(() => Promise.all(SHARD_QUEUES[service].map((name) => this.depth(service, shard, name)))),
    ]);
    return {
      service,
      shard,
      url,
      state: ready.ok ? 'up' : 'down',
      detail: ready.ok ? ready.value : ready.error,
      latencyMs: ready.latencyMs,
      tenants: 0,
      queues: queues.ok ? queues.value : null,
    };
  }

  /**
   * Plain reads of BullMQ's lists and sorted sets, not Queue#getJobCounts: that is a Lua script,
   * which Redis runs only for a user allowed to write its keys, and the platform API's user may
   * only read the shards' queues (docs/adr/0700).
   */
  private async depth(service: ShardedService, shard: number, name: string): Promise<QueueDepth> {
    const key = (state: string) => `${shardQueuePrefix(service, shard)}:${name}:${state}`;
    const [waiting, prioritized, active, delayed, failed] = await Promise.all([
      this.probeRedis.llen(key('wait')),
      this.probeRedis.zcard(key('prioritized')),
      this.probeRedis.llen(key('active')),
      this.probeRedis.zcard(key('delayed')),
      this.probeRedis.zcard(key('failed')),
    ]);
    return { queue: name, waiting: waiting + prioritized, active, delayed, failed };
  }

  /** Live tenants recorded per `service:shard`. */
  private async tenantsPerShard(): Promise<Map<string, number>> {
    const rows = await this.options.clusters.primary.query<{ service: string; shard: number; n: number }[]>(
      `SELECT s.service, s.shard, count(*)::int AS n FROM platform.shard_assignments s
         JOIN platform.tenants t ON t.id = s.tenant_id WHERE t.status <> 'deleted' GROUP BY s.service, s.shard`,
    );
    return new Map(rows.map((row) => [`${row.service}:${row.shard}`, row.n]));
  }

  private async probe<T>(run: () => Promise<T>): Promise<{ ok: true; value: T; latencyMs: number } | { ok: false; error: string; latencyMs: number }> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const value = await Promise.race([
        run(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
        }),
      ]);
      return { ok: true, value, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { ok: false, error: describe(error), latencyMs: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timer);
    }
  }
}

interface ErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly cause?: unknown;
}

/**
 * fetch wraps the reason (ECONNREFUSED, a reset) in `cause`; that is what an admin needs to read.
 * Duck-typed: errors of Node's own fetch are not instances of this realm's Error under a test VM.
 */
function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { name, message = String(error), cause } = error as ErrorLike;
  if (name === 'TimeoutError') return `no answer within the timeout (${message})`;
  if (typeof cause === 'object' && cause !== null) {
    const inner = cause as ErrorLike;
    return `${message}: ${inner.code ?? inner.message ?? String(cause)}`;
  }
  return message;
}
