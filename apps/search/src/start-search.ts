import { databaseUrlsOf } from '@storefront/config';
import { DatabaseClusters } from '@storefront/database';
import { HealthChecks, type Logger } from '@storefront/observability';
import { OutboxRelay } from '@storefront/outbox';
import { shardGuardOptionsFor, startHttpService, type RunningHttpService } from '@storefront/service-runtime';
import { TenantCache } from '@storefront/tenant-cache';
import { TenantUnitOfWork } from '@storefront/tenancy';
import Redis from 'ioredis';
import { Histogram } from 'prom-client';
import { CatalogEventsConsumer } from './indexing/catalog-events.consumer';
import { ProductIndexer } from '@storefront/product-search';
import { ReindexJobs } from './indexing/reindex-jobs';
import { TenantReindexer } from '@storefront/product-search';
import type { SearchConfig } from './search.config';
import { SearchModule } from './search.module';
import { ProductSearchService } from '@storefront/product-search';

export interface StartSearchOptions {
  readonly config: SearchConfig;
  readonly logger: Logger;
  /** Off when tests run several shards in one process. */
  readonly handleSignals?: boolean;
}

/**
 * Builds one search shard (pools, query cache, catalog event consumer, reindex jobs, outbox
 * relay) and serves it over HTTP.
 */
export async function startSearch({ config, logger, handleSignals }: StartSearchOptions): Promise<RunningHttpService> {
  const shard = config.PLATFORM_SHARD_ID;
  const clusters = new DatabaseClusters({ urls: databaseUrlsOf(config), poolSize: config.PLATFORM_DB_POOL_SIZE, applicationName: `search-${shard}` });
  await clusters.initialize();
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
  const subscriber = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  // BullMQ wants its own connection that retries forever instead of failing commands.
  const queueRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });

  const unitOfWork = new TenantUnitOfWork(clusters);
  const queryCache = new TenantCache({ namespace: 'search', redis, subscriber, enabled: config.PLATFORM_SEARCH_CACHE, sharedTtlSeconds: 600 });
  await queryCache.start();
  // The storefront caches catalog reads under `catalog`; catalog events reach it only through here.
  const storefrontCatalogCache = new TenantCache({ namespace: 'catalog', redis, subscriber });
  const caches = [queryCache, storefrontCatalogCache];
  const indexer = new ProductIndexer();
  const reindex = new ReindexJobs({ shard, connection: queueRedis, reindexer: new TenantReindexer(unitOfWork, indexer), caches, logger });
  // Every shard process also relays outboxes; relays share the rows through SKIP LOCKED.
  const relay = new OutboxRelay({ clusters, connection: queueRedis, logger });
  const indexLag = new Histogram({
    name: 'search_index_lag_seconds',
    help: 'Time from a catalog event to its change being searchable',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60],
    registers: [],
  });
  const consumer = new CatalogEventsConsumer({ shard, connection: queueRedis, unitOfWork, indexer, caches, logger, onIndexed: (age) => indexLag.observe(age) });

  const healthChecks = new HealthChecks()
    .register('postgres', async () => void (await clusters.primary.query('SELECT 1')))
    .register('redis', async () => (await redis.ping()) === 'PONG');

  const service = await startHttpService(
    SearchModule.register(
      { search: new ProductSearchService(unitOfWork, queryCache), reindex },
      shardGuardOptionsFor('search', clusters, config),
    ),
    {
      service: 'search',
      shard,
      host: config.HOST,
      port: config.PORT,
      logger,
      healthChecks,
      handleSignals: handleSignals ?? true,
      shutdownSteps: [
        { name: 'queues', run: async () => void (await Promise.all([consumer.stop(), reindex.stop(), relay.stop()])) },
        { name: 'cache', run: () => queryCache.stop() },
        { name: 'redis', run: async () => void (await Promise.all([redis.quit(), subscriber.quit(), queueRedis.quit()])) },
        { name: 'postgres', run: () => clusters.destroy() },
      ],
    },
  );

  service.metrics.registry.registerMetric(indexLag);
  consumer.start();
  reindex.start();
  relay.start();
  return service;
}
