import { databaseUrlsOf, shardCountsOf, type ServiceConfig } from '@storefront/config';
import { DatabaseClusters } from '@storefront/database';
import { HealthChecks, type ShutdownStep } from '@storefront/observability';
import { ServiceTokens, ShardAssignments, ShardRouter, ShardTenantDirectory, TenantUnitOfWork, type ShardedService } from '@storefront/tenancy';
import Redis from 'ioredis';
import type { TenantShardGuardOptions } from './tenant-shard.guard';

export type ShardServiceConfig = ServiceConfig & { readonly PLATFORM_SHARD_ID: number; readonly PLATFORM_SERVICE_TOKEN_SECRET: string };

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
export async function openShardServiceResources(service: ShardedService, config: ShardServiceConfig, basePort: number): Promise<ShardServiceResources> {
  const clusters = new DatabaseClusters({
    urls: databaseUrlsOf(config),
    poolSize: config.PLATFORM_DB_POOL_SIZE,
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
    guard: {
      service,
      shardId: config.PLATFORM_SHARD_ID,
      tokens: new ServiceTokens(config.PLATFORM_SERVICE_TOKEN_SECRET),
      directory: new ShardTenantDirectory(clusters, service),
      router: new ShardRouter(new ShardAssignments(clusters, shardCountsOf(config)), {
        urlTemplate: config.PLATFORM_SHARD_URL_TEMPLATE,
        basePorts: { [service]: basePort },
      }),
    },
    closeSteps: [
      { name: 'redis', run: async () => void (await Promise.all([redis.quit(), queueRedis.quit()])) },
      { name: 'postgres', run: () => clusters.destroy() },
    ],
  };
}
