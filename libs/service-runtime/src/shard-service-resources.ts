import { databasePoolOptionsOf, databaseUrlsOf, type ShardServiceConfig } from '@storefront/config';
import { DatabaseClusters } from '@storefront/database';
import { HealthChecks, type ShutdownStep } from '@storefront/observability';
import { TenantUnitOfWork, type ShardedService } from '@storefront/tenancy';
import Redis from 'ioredis';
import { shardGuardOptionsFor } from './sharding/shard-routing';
import type { TenantShardGuardOptions } from './sharding/tenant-shard.guard';

/** What every shard of a sharded service opens at start, and closes (after its own steps) at shutdown. */
export interface ShardServiceResources {
  readonly clusters: DatabaseClusters;
  readonly unitOfWork: TenantUnitOfWork;
  /** Regular commands (fail fast when Redis is away). */
  readonly redis: Redis;
  /** BullMQ's connection, which must retry forever instead of failing commands. */
  readonly queueRedis: Redis;
  readonly healthChecks: HealthChecks;
  readonly guard: TenantShardGuardOptions;
  /** Closes Redis, then the pools: run these last. */
  readonly closeSteps: readonly ShutdownStep[];
}

/** Pools, Redis connections, readiness checks and the shard guard of one shard of `service`. */
export async function openShardServiceResources(service: ShardedService, config: ShardServiceConfig): Promise<ShardServiceResources> {
  const clusters = new DatabaseClusters({
    urls: databaseUrlsOf(config),
    ...databasePoolOptionsOf(config),
    applicationName: `${service}-${config.PLATFORM_SHARD_ID}`,
  });
  await clusters.initialize();
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
  const queueRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  return {
    clusters,
    unitOfWork: new TenantUnitOfWork(clusters),
    redis,
    queueRedis,
    healthChecks: new HealthChecks()
      .register('postgres', async () => void (await clusters.primary.query('SELECT 1')))
      .register('redis', async () => (await redis.ping()) === 'PONG'),
    guard: shardGuardOptionsFor(service, clusters, config),
    closeSteps: [
      { name: 'redis', run: async () => void (await Promise.all([redis.quit(), queueRedis.quit()])) },
      { name: 'postgres', run: () => clusters.destroy() },
    ],
  };
}
