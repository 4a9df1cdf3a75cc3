import type { Logger } from '@storefront/observability';
import { OutboxRelay } from '@storefront/outbox';
import { openShardServiceResources, startHttpService, type RunningHttpService } from '@storefront/service-runtime';
import { TenantCache } from '@storefront/tenant-cache';
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
  const { clusters, unitOfWork, redis, queueRedis, healthChecks, guard, closeSteps } = await openShardServiceResources('search', config);
  // Cache invalidations arrive on a connection in subscriber mode, which can do nothing else.
  const subscriber = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
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
  const consumer = new CatalogEventsConsumer({ shard, connection: queueRedis, unitOfWork, indexer, reindex, caches, logger, onIndexed: (age) => indexLag.observe(age) });

  const service = await startHttpService(
    SearchModule.register(
      { search: new ProductSearchService(unitOfWork, queryCache), reindex },
      guard,
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
        { name: 'subscriber', run: async () => void (await subscriber.quit()) },
        ...closeSteps,
      ],
    },
  );

  service.metrics.registry.registerMetric(indexLag);
  consumer.start();
  reindex.start();
  relay.start();
  return service;
}
