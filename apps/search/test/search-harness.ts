/** Two real search shards in-process, on this worker's database and Redis, and catalog seeding. */
import { CATALOG_ENTITIES, CategoryService, ProductService, recordCatalogChangesInOutbox, StockService, type ProductView } from '@storefront/catalog';
import { loadConfig } from '@storefront/config';
import type { SearchResult, TenantContext } from '@storefront/contracts';
import type { DatabaseClusters } from '@storefront/database';
import { createLogger } from '@storefront/observability';
import type { RunningHttpService } from '@storefront/service-runtime';
import { STORE_SETTINGS_ENTITIES, StoreSettingsService } from '@storefront/store-settings';
import { ServiceTokens, type TenancyServices } from '@storefront/tenancy';
import { createTestTenancy, provisionTestTenant } from '@storefront/tenancy/testing';
import { createTestClusters, createTestRedis, testRedisUrl, testServiceDatabaseUrl } from '@storefront/testing';
import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { searchConfigSchema } from '../src/search.config';
import { startSearch } from '../src/start-search';
import { FIXTURE_CATALOG, FIXTURE_CATEGORIES, variantsOf } from './fixtures/catalog.fixture';

export interface SearchAnswer {
  readonly status: number;
  // Tests assert on answers field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

export interface FixtureStore {
  readonly ctx: TenantContext;
  /** Fixture key -> product as created. */
  readonly products: ReadonlyMap<string, ProductView>;
}

export class SearchHarness {
  readonly products: ProductService;
  readonly stock: StockService;
  readonly categories: CategoryService;
  /** Writes without events, as a catalog filled before search existed. */
  readonly silentProducts: ProductService;

  private constructor(
    readonly shards: RunningHttpService[],
    readonly clusters: DatabaseClusters,
    readonly redis: Redis,
    readonly tenancy: TenancyServices,
    readonly tokens: ServiceTokens,
  ) {
    this.products = new ProductService(tenancy.unitOfWork, recordCatalogChangesInOutbox);
    this.stock = new StockService(tenancy.unitOfWork, recordCatalogChangesInOutbox);
    this.categories = new CategoryService(tenancy.unitOfWork, recordCatalogChangesInOutbox);
    this.silentProducts = new ProductService(tenancy.unitOfWork);
  }

  static async start(env: Record<string, string> = {}): Promise<SearchHarness> {
    const clusters = await createTestClusters({ tenantEntities: [...CATALOG_ENTITIES, ...STORE_SETTINGS_ENTITIES] });
    const redis = createTestRedis();
    const tenancy = createTestTenancy({ clusters, redis });
    const secret = randomBytes(32).toString('hex');
    const logger = createLogger({ service: 'search-test', level: 'silent' });
    const shared = {
      DATABASE_URL: await testServiceDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      PLATFORM_SERVICE_TOKEN_SECRET: secret,
      PLATFORM_SEARCH_SHARDS: '2',
      PLATFORM_SHARD_URL_TEMPLATE: 'http://search-{shard}.search:8080',
      PLATFORM_DB_POOL_SIZE: '5',
      PORT: '0',
      ...env,
    };
    const shards = await Promise.all(
      [0, 1].map((shard) => startSearch({ config: loadConfig(searchConfigSchema, { ...shared, PLATFORM_SHARD_ID: String(shard) }), logger, handleSignals: false })),
    );
    return new SearchHarness(shards, clusters, redis, tenancy, new ServiceTokens(secret));
  }

  async close(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.close()));
    this.redis.disconnect();
    await this.clusters.destroy();
  }

  /** A provisioned store with settings in `locale`, optionally pinned to a search shard. */
  async createStore(locale = 'en', shard?: number): Promise<TenantContext> {
    const { ctx } = await provisionTestTenant(this.tenancy);
    await new StoreSettingsService(this.tenancy.unitOfWork).update(ctx, { name: 'Search Test', currency: 'EUR', locale });
    if (shard !== undefined && (await this.tenancy.shards.shardOf(ctx.tenantId, 'search')) !== shard) {
      await this.tenancy.shards.move(ctx.tenantId, 'search', shard, 'test');
    }
    return ctx;
  }

  /** A store holding the fixture catalog, searchable (every product indexed) when this returns. */
  async createFixtureStore(locale = 'en', shard?: number): Promise<FixtureStore> {
    const ctx = await this.createStore(locale, shard);
    const categoryIds = new Map<string, string>();
    for (const category of FIXTURE_CATEGORIES) categoryIds.set(category.slug, (await this.categories.create(ctx, category)).id);
    const products = new Map<string, ProductView>();
    for (const product of FIXTURE_CATALOG) {
      const created = await this.products.create(ctx, {
        title: product.title,
        description: product.description,
        price: { amount: product.price, currency: 'EUR' },
        options: Object.entries(product.options).map(([name, values]) => ({ name, values })),
        variants: variantsOf(product, ctx.tenantId.slice(0, 8)),
        categoryIds: [categoryIds.get(product.category)!],
      });
      products.set(product.key, created);
    }
    await this.until(ctx, '', (answer) => answer.body.total === FIXTURE_CATALOG.length);
    return { ctx, products };
  }

  /** GET /api/v1/search on the tenant's shard (or `shard`), with a service token for the tenant. */
  async search(tenantId: string, query: string, shard?: number): Promise<SearchAnswer> {
    return this.call(tenantId, 'GET', `/api/v1/search${query ? `?${query}` : ''}`, shard);
  }

  async call(tenantId: string, method: string, path: string, shard?: number, token?: string): Promise<SearchAnswer> {
    const on = shard ?? (await this.tenancy.shards.shardOf(tenantId, 'search'))!;
    const authorization = token ?? `Bearer ${await this.tokens.sign('search', { kind: 'merchant', tenantId, actor: 'search-test' })}`;
    const response = await fetch(`${this.shards[on]!.url}${path}`, { method, headers: { authorization } });
    return { status: response.status, body: await response.json() };
  }

  /** Polls a search until `done` holds; fails after `timeoutMs`. Returns the answer and the time taken. */
  async until(ctx: TenantContext, query: string, done: (answer: SearchAnswer) => boolean, timeoutMs = 10_000): Promise<SearchAnswer & { ms: number }> {
    const started = Date.now();
    for (;;) {
      const answer = await this.search(ctx.tenantId, query);
      if (done(answer)) return { ...answer, ms: Date.now() - started };
      if (Date.now() - started > timeoutMs) throw new Error(`search "${query}" did not reach the expected answer in ${timeoutMs} ms: ${JSON.stringify(answer.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Product ids of an answer, in order. */
export function idsOf(result: SearchResult): string[] {
  return result.items.map((item) => item.id);
}
