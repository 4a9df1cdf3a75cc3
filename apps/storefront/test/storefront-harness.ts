/**
 * The real storefront plus two real checkout and two real search shards (and, when asked, two
 * real notifications shards), on this worker's database and Redis.
 */
import { loadConfig, serviceConfigSchema } from '@storefront/config';
import { CATALOG_ENTITIES, ProductService, recordCatalogChangesInOutbox, type CreateProductInput, type ProductView } from '@storefront/catalog';
import type { DatabaseClusters } from '@storefront/database';
import { findFreePortRange } from '@storefront/dev-services';
import { ShardClient, shardRouterFor, type RunningHttpService } from '@storefront/service-runtime';
import { SHOPPING_ENTITIES } from '@storefront/shopping';
import { STORE_SETTINGS_ENTITIES, StoreSettingsService } from '@storefront/store-settings';
import { ServiceTokens, tenantContextFor, TenantUnitOfWork, type ShardedService, type TenancyServices } from '@storefront/tenancy';
import { createTestTenancy, provisionTestTenant, TEST_PLATFORM_DOMAIN } from '@storefront/tenancy/testing';
import { SecretKeyring } from '@storefront/credentials';
import { createTestClusters, HostClient, testLogger, testRedisUrl, testRedisUrlAs, testServiceDatabaseUrl } from '@storefront/testing';
import type { PaymentSettingsChange, TenantContext } from '@storefront/contracts';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
// The storefront's tests run the real checkout shards in-process, as `npm start` runs them.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { checkoutConfigSchema } from '../../checkout/src/checkout.config';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startCheckout } from '../../checkout/src/start-checkout';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { notificationsConfigSchema } from '../../notifications/src/notifications.config';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startNotifications } from '../../notifications/src/start-notifications';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { searchConfigSchema } from '../../search/src/search.config';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startSearch } from '../../search/src/start-search';
import { startStorefront, type RunningStorefront } from '../src/start-storefront';
import { storefrontConfigSchema } from '../src/storefront.config';

export interface TestStore {
  readonly tenantId: string;
  readonly slug: string;
  readonly host: string;
  readonly ctx: TenantContext;
}

export interface StorefrontHarnessOptions {
  /** Also run two notifications shards (emails to the log, webhooks to this machine allowed). */
  readonly notifications?: boolean;
  /** Settings for the notifications shards (e.g. fewer attempts before a dead letter). */
  readonly notificationsEnv?: Readonly<Record<string, string>>;
  /** Settings for the checkout shards (e.g. PLATFORM_STRIPE_API_URL of a stripe-mock). */
  readonly checkoutEnv?: Readonly<Record<string, string>>;
}

type ShardKey = `${ShardedService}:${number}`;

export class StorefrontHarness {
  private constructor(
    readonly storefront: RunningStorefront,
    /** Running shards by `service:shard`, and how to start each again. */
    private readonly shards: Map<ShardKey, RunningHttpService>,
    private readonly shardStarters: ReadonlyMap<ShardKey, () => Promise<RunningHttpService>>,
    readonly clusters: DatabaseClusters,
    readonly redis: Redis,
    readonly tenancy: TenancyServices,
    readonly products: ProductService,
    /** Settings another service needs to join this platform (secret, shard counts and ports). */
    readonly platformEnv: Readonly<Record<string, string>>,
  ) {}

  static async start(env: Record<string, string> = {}, options: StorefrontHarnessOptions = {}): Promise<StorefrontHarness> {
    const clusters = await createTestClusters({ tenantEntities: [...CATALOG_ENTITIES, ...SHOPPING_ENTITIES, ...STORE_SETTINGS_ENTITIES] });
    const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 3 });
    const tenancy = createTestTenancy({ clusters, redis });
    // Checkout shards on base and base + 1, search shards on base + 2 and base + 3, notifications on base + 4 and base + 5.
    const basePort = await findFreePortRange(6);
    const searchBasePort = basePort + 2;
    const notificationsBasePort = basePort + 4;
    const shared = {
      DATABASE_URL: await testServiceDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      PLATFORM_DOMAIN: TEST_PLATFORM_DOMAIN,
      PLATFORM_SERVICE_TOKEN_SECRET: randomBytes(32).toString('hex'),
      PLATFORM_CHECKOUT_SHARDS: '2',
      PLATFORM_CHECKOUT_BASE_PORT: String(basePort),
      PLATFORM_SEARCH_SHARDS: '2',
      PLATFORM_SEARCH_BASE_PORT: String(searchBasePort),
      PLATFORM_NOTIFICATIONS_SHARDS: '2',
      PLATFORM_NOTIFICATIONS_BASE_PORT: String(notificationsBasePort),
      PLATFORM_PAYMENT_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'silent',
    };
    // Into this run's log files, which the global teardown scans for leaked secrets.
    const logger = testLogger('storefront-platform');
    const secretsKeyring = SecretKeyring.generateSpec();
    const starters = new Map<ShardKey, () => Promise<RunningHttpService>>();
    // Each service logs in to Redis as its own user, as in production.
    for (const shard of [0, 1]) {
      const own = { PLATFORM_SHARD_ID: String(shard) };
      starters.set(`checkout:${shard}`, () =>
        startCheckout({
          config: loadConfig(checkoutConfigSchema, {
            ...shared,
            PLATFORM_SECRETS_KEYRING: secretsKeyring,
            ...options.checkoutEnv,
            ...own,
            REDIS_URL: testRedisUrlAs('checkout'),
            PORT: String(basePort + shard),
          }),
          logger,
          handleSignals: false,
        }),
      );
      starters.set(`search:${shard}`, () =>
        startSearch({
          config: loadConfig(searchConfigSchema, { ...shared, ...own, REDIS_URL: testRedisUrlAs('search'), PORT: String(searchBasePort + shard) }),
          logger,
          handleSignals: false,
        }),
      );
      if (options.notifications) {
        const notificationsEnv = { PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true', ...options.notificationsEnv };
        starters.set(`notifications:${shard}`, () =>
          startNotifications({
            config: loadConfig(notificationsConfigSchema, {
              ...shared,
              ...notificationsEnv,
              ...own,
              REDIS_URL: testRedisUrlAs('notifications'),
              PORT: String(notificationsBasePort + shard),
            }),
            logger,
            handleSignals: false,
          }),
        );
      }
    }
    // A failed start closes what did start: pools and workers left running would outlive the
    // test file and fail the next one in this worker.
    const started = await Promise.allSettled([...starters].map(async ([key, start]): Promise<[ShardKey, RunningHttpService]> => [key, await start()]));
    const shards = new Map<ShardKey, RunningHttpService>(started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])));
    let storefront: RunningStorefront;
    try {
      const failed = started.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      storefront = await startStorefront({
        // The storefront that serves every store by Host (a store's own Pod: testStorefrontRedisUrl).
        config: loadConfig(storefrontConfigSchema, { ...shared, REDIS_URL: testRedisUrlAs('storefront'), PORT: '0', ...env }),
        logger,
        handleSignals: false,
      });
    } catch (error) {
      await Promise.allSettled([...shards.values()].map((shard) => shard.close()));
      redis.disconnect();
      await clusters.destroy();
      throw error;
    }
    const products = new ProductService(new TenantUnitOfWork(clusters), recordCatalogChangesInOutbox);
    return new StorefrontHarness(storefront, shards, starters, clusters, redis, tenancy, products, shared);
  }

  /** Stops one shard as a crash or a scale-down would leave it: its port stops answering. */
  async stopShard(service: ShardedService, shard: number): Promise<void> {
    const key: ShardKey = `${service}:${shard}`;
    await this.shards.get(key)?.close();
    this.shards.delete(key);
  }

  /** Starts a stopped shard again on its port. */
  async startShard(service: ShardedService, shard: number): Promise<void> {
    const key: ShardKey = `${service}:${shard}`;
    const start = this.shardStarters.get(key);
    if (!start) throw new Error(`no ${key} shard in this harness`);
    if (!this.shards.has(key)) this.shards.set(key, await start());
  }

  async close(): Promise<void> {
    await this.storefront.close();
    await Promise.all([...this.shards.values()].map((shard) => shard.close()));
    this.redis.disconnect();
    await this.clusters.destroy();
  }

  async createStore(name = 'Test Store', currency = 'EUR'): Promise<TestStore> {
    const { tenant } = await provisionTestTenant(this.tenancy, { name });
    const ctx = tenantContextFor(tenant, 'test');
    await new StoreSettingsService(new TenantUnitOfWork(this.clusters)).update(ctx, { currency });
    return { tenantId: tenant.id, slug: tenant.slug, host: `${tenant.slug}.${TEST_PLATFORM_DOMAIN}`, ctx };
  }

  /** A T-shirt in Size x Colour unless told otherwise; `stock` for every variant. */
  async createProduct(store: TestStore, overrides: Partial<CreateProductInput> = {}, stock = 5): Promise<ProductView> {
    const sizes = ['S', 'M', 'L'];
    const colours = ['Red', 'Blue'];
    const product = await this.products.create(store.ctx, {
      title: 'Classic T-shirt',
      description: 'Soft cotton tee',
      price: { amount: 1999, currency: 'EUR' },
      options: [
        { name: 'Size', values: sizes },
        { name: 'Colour', values: colours },
      ],
      variants: sizes.flatMap((size) =>
        colours.map((colour) => ({ sku: `TEE-${store.slug}-${size}-${colour}`.toUpperCase(), options: { Size: size, Colour: colour }, stock })),
      ),
      ...overrides,
    });
    await this.storefront.catalogCache.invalidate(store.tenantId);
    return product;
  }

  /** Waits until the search shard indexed `product` as it is now (catalog events are asynchronous). */
  async untilSearchable(store: TestStore, product: ProductView, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await this.tenancy.unitOfWork.run(store.ctx, (tx) =>
        tx.query<{ title_text: string }[]>('SELECT title_text FROM search_documents WHERE product_id = $1', [product.id]),
      );
      if (row?.title_text.startsWith(product.title)) return;
      if (Date.now() > deadline) throw new Error(`${product.title} was not indexed within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * Changes the store's payment settings as its merchant does: through its checkout shard (which
   * seals secrets), then the storefront's cache of the store is dropped, as the platform API does.
   */
  async changePaymentSettings(store: TestStore, change: PaymentSettingsChange): Promise<{ statusCode: number; body: unknown }> {
    const config = loadConfig(serviceConfigSchema, this.platformEnv);
    const checkout = new ShardClient('checkout', shardRouterFor(this.clusters, config), new ServiceTokens(this.platformEnv.PLATFORM_SERVICE_TOKEN_SECRET!));
    const answer = await checkout.request({ kind: 'merchant', tenantId: store.tenantId, actor: 'harness' }, 'PATCH', '/api/v1/payment-settings', { body: change });
    await this.storefront.catalogCache.invalidate(store.tenantId);
    return answer;
  }

  client(store: TestStore): HostClient {
    return new HostClient(this.storefront.url, store.host);
  }
}
