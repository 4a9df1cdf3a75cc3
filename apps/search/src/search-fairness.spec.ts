import { CATALOG_ENTITIES } from '@storefront/catalog';
import type { TenantContext } from '@storefront/contracts';
import type { DatabaseClusters } from '@storefront/database';
import { createLogger } from '@storefront/observability';
import { OutboxRelay } from '@storefront/outbox';
import { ProductIndexer } from '@storefront/product-search';
import type { TenancyServices } from '@storefront/tenancy';
import { createTestTenancy, provisionTestTenant } from '@storefront/tenancy/testing';
import { createTestClusters, testRedisUrl } from '@storefront/testing';
import Redis from 'ioredis';
import { CatalogEventsConsumer, SEARCH_INDEXER_CONSUMER } from './indexing/catalog-events.consumer';

/** A Redis database of its own: the search queues' names are the same in every test file. */
function redisOnDatabase(database: number, maxRetriesPerRequest: number | null): Redis {
  const url = new URL(testRedisUrl());
  url.pathname = `/${database}`;
  return new Redis(url.toString(), { maxRetriesPerRequest });
}

describe('fairness between tenants of one search shard', () => {
  let clusters: DatabaseClusters;
  let redis: Redis;
  let queueRedis: Redis;
  let tenancy: TenancyServices;

  beforeAll(async () => {
    clusters = await createTestClusters({ tenantEntities: CATALOG_ENTITIES });
    redis = redisOnDatabase(8, 3);
    queueRedis = redisOnDatabase(8, null);
    await redis.flushdb();
    tenancy = createTestTenancy({ clusters, redis });
  });

  afterAll(async () => {
    await clusters.destroy();
    redis.disconnect();
    queueRedis.disconnect();
  });

  const indexed = async (ctx: TenantContext) => {
    const [row] = await clusters.primary.query(`SELECT count(*)::int AS n FROM "${ctx.schema}".processed_events WHERE consumer = $1`, [SEARCH_INDEXER_CONSUMER]);
    return row.n as number;
  };
  const until = async (condition: () => Promise<boolean>, what: string) => {
    for (const deadline = Date.now() + 60_000; !(await condition()); await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() > deadline) throw new Error(`${what} did not happen`);
    }
  };
  /** Catalog events as the catalog writes them (each names a product), committed in one go. */
  const productEvents = (ctx: TenantContext, count: number) =>
    tenancy.unitOfWork.run(ctx, (tx) =>
      tx.query(
        `INSERT INTO platform.outbox (event_id, tenant_id, event_type, payload)
         SELECT gen_random_uuid(), $1, 'product.updated', jsonb_build_object('productId', gen_random_uuid()) FROM generate_series(1, $2::int)`,
        [ctx.tenantId, count],
      ),
    );
  const relayAll = async () => {
    const relay = new OutboxRelay({ clusters, connection: queueRedis, batchSize: 500 });
    while ((await relay.relayBatch('main')) > 0);
    await relay.stop();
  };

  it("does not hold a tenant's past work against it: its next event runs among the first after another tenant's flood", async () => {
    const earlier = await provisionTestTenant(tenancy);
    const flooder = await provisionTestTenant(tenancy);
    const shard = (await tenancy.shards.shardOf(earlier.ctx.tenantId, 'search'))!;
    if ((await tenancy.shards.shardOf(flooder.ctx.tenantId, 'search')) !== shard) await tenancy.shards.move(flooder.ctx.tenantId, 'search', shard, 'test');
    const consumer = () =>
      new CatalogEventsConsumer({
        shard,
        connection: queueRedis,
        unitOfWork: tenancy.unitOfWork,
        indexer: new ProductIndexer(),
        reindex: { enqueue: async () => undefined },
        caches: [],
        logger: createLogger({ service: 'search-test', level: 'silent' }),
        concurrency: 4,
      });

    // Yesterday's busy tenant: 300 events, all handled.
    await productEvents(earlier.ctx, 300);
    await relayAll();
    const first = consumer();
    first.start();
    await until(async () => (await indexed(earlier.ctx)) === 300, "the earlier tenant's events");
    await first.stop();

    // Today another tenant floods the shard, and then the earlier tenant changes one product.
    await productEvents(flooder.ctx, 1000);
    await productEvents(earlier.ctx, 1);
    await relayAll();
    const second = consumer();
    second.start();
    try {
      await until(async () => (await indexed(earlier.ctx)) === 301, "the earlier tenant's new event");
      // With a clock that never moved, the flood's first 300 would all go before it.
      expect(await indexed(flooder.ctx)).toBeLessThan(50);
    } finally {
      await second.stop();
    }
  });
});
