import { databasePoolOptionsOf, databaseUrlsOf } from '@storefront/config';
import { CATALOG_ENTITIES, CategoryService, ProductService, RunningSales, SitemapQuery } from '@storefront/catalog';
import { PasswordHasher } from '@storefront/credentials';
import { DatabaseClusters } from '@storefront/database';
import { HealthChecks, type Logger } from '@storefront/observability';
import { ShardClient, shardRouterFor, startHttpService, type RunningHttpService } from '@storefront/service-runtime';
import { ProductReviewsQuery, RedisReviewRateLimiter, ShopperReviewService } from '@storefront/reviews';
import { AddressBook, CartService, CustomerService, PasswordResetService, SHOPPING_ENTITIES } from '@storefront/shopping';
import { readStorePaymentOptions, STORE_SETTINGS_ENTITIES, StoreSettingsService } from '@storefront/store-settings';
import { CATALOG_CACHE_NAMESPACE, TenantCache } from '@storefront/tenant-cache';
import {
  ServiceTokens,
  StoreShopperTokens,
  TenantChangeNotifier,
  TenantHostResolver,
  TenantUnitOfWork,
  tenantContextFor,
  type ServiceTokenSigner,
} from '@storefront/tenancy';
import Redis from 'ioredis';
import { SignInThrottle } from './http/sign-in-throttle';
import { StorefrontCatalog } from './catalog/storefront-catalog';
import { CheckoutClient } from './checkout/checkout-client';
import { SearchClient } from './search/search-client';
import { RateLimiter } from './http/rate-limiter';
import { PageRenderer } from './pages/page-renderer';
import { SessionStore } from './session/session-store';
import { ShopperActions } from './shopper-actions';
import type { StorefrontConfig } from './storefront.config';
import { StorefrontModule } from './storefront.module';
import { installStorefrontHooks } from './tenancy/storefront-hooks';
import { serveStorefrontApiDocument } from './storefront-api-document';

export interface StartStorefrontOptions {
  readonly config: StorefrontConfig;
  readonly logger: Logger;
  readonly handleSignals?: boolean;
}

export interface RunningStorefront extends RunningHttpService {
  /** Drops a tenant's cached catalog in every storefront process (after a merchant change). */
  readonly catalogCache: TenantCache;
}

/** Builds the storefront (pools, caches, sessions, checkout client) and serves it over HTTP. */
export async function startStorefront({ config, logger, handleSignals }: StartStorefrontOptions): Promise<RunningStorefront> {
  const clusters = new DatabaseClusters({
    urls: databaseUrlsOf(config),
    ...databasePoolOptionsOf(config),
    applicationName: 'storefront',
    tenantEntities: [...CATALOG_ENTITIES, ...SHOPPING_ENTITIES, ...STORE_SETTINGS_ENTITIES],
  });
  await clusters.initialize();
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
  const subscriber = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });

  const unitOfWork = new TenantUnitOfWork(clusters);
  const hostResolver = new TenantHostResolver(clusters);
  // A Pod of one store listens on its store's channels only: its Redis user may reach no others.
  const pinned = config.PLATFORM_STOREFRONT_TENANT_ID;
  const stopTenantChanges = await TenantChangeNotifier.subscribe(subscriber, (change) => hostResolver.invalidate(change.tenantId), pinned);
  const catalogCache = new TenantCache({ namespace: CATALOG_CACHE_NAMESPACE, redis, subscriber, ...(pinned ? { tenantId: pinned } : {}) });
  await catalogCache.start();

  const carts = new CartService(unitOfWork);
  const passwords = new PasswordHasher();
  const customers = new CustomerService(unitOfWork, passwords);
  const router = shardRouterFor(clusters, config);
  const tokens = shardTokenSignerOf(config);
  const checkout = new CheckoutClient(new ShardClient('checkout', router, tokens));
  // Searches answer in milliseconds; a shard that takes seconds is better reported than waited for.
  const search = new SearchClient(new ShardClient('search', router, tokens, 5_000));
  const actions = new ShopperActions(carts, customers, checkout, redis, new PasswordResetService(unitOfWork, passwords), new SignInThrottle(redis));
  const catalog = new StorefrontCatalog(
    new ProductService(unitOfWork),
    new CategoryService(unitOfWork),
    new StoreSettingsService(unitOfWork),
    (ctx) => unitOfWork.run(ctx, readStorePaymentOptions),
    catalogCache,
    search,
  );

  const reviews = {
    shoppers: new ShopperReviewService(unitOfWork, new RedisReviewRateLimiter(redis)),
    listing: new ProductReviewsQuery(unitOfWork),
  };

  const healthChecks = new HealthChecks()
    .register('postgres', async () => void (await clusters.primary.query('SELECT 1')))
    .register('redis', async () => (await redis.ping()) === 'PONG');

  const service = await startHttpService(StorefrontModule.register({ catalog, carts, customers, addresses: new AddressBook(unitOfWork), actions, checkout, reviews, sales: new RunningSales(unitOfWork), sitemap: new SitemapQuery(unitOfWork) }, new PageRenderer(actions)), {
    service: 'storefront',
    host: config.HOST,
    port: config.PORT,
    trustedProxies: config.PLATFORM_TRUSTED_PROXIES,
    logger,
    healthChecks,
    bodyLimit: 64 * 1024,
    // Stripe's webhook deliveries are verified over the bytes it sent.
    rawBody: true,
    ...(handleSignals === undefined ? {} : { handleSignals }),
    beforeListen: (app) => {
      serveStorefrontApiDocument(app);
      return installStorefrontHooks(app, {
        hostResolver,
        pinnedTenantId: config.PLATFORM_STOREFRONT_TENANT_ID,
        sessions: new SessionStore(redis, config.PLATFORM_SESSION_TTL_SECONDS),
        sessionTtlSeconds: config.PLATFORM_SESSION_TTL_SECONDS,
        rateLimiter: new RateLimiter(redis, {
          perClient: config.PLATFORM_RATE_LIMIT_PER_CLIENT,
          perTenant: config.PLATFORM_RATE_LIMIT_PER_TENANT,
        }),
        secureCookies: config.PLATFORM_SECURE_COOKIES,
        storeFront: (tenant) => catalog.storeFront(tenant, tenantContextFor({ id: tenant.tenantId, clusterId: tenant.clusterId }, 'storefront')),
      });
    },
    shutdownSteps: [
      { name: 'subscriptions', run: async () => void (await Promise.all([stopTenantChanges(), catalogCache.stop()])) },
      { name: 'redis', run: async () => void (await Promise.all([redis.quit(), subscriber.quit()])) },
      { name: 'postgres', run: () => clusters.destroy() },
    ],
  });
  return { ...service, catalogCache };
}

/**
 * A storefront pod of one store signs with that store's shopper key only; the local storefront,
 * which serves every store, derives each store's key from the root secret.
 */
function shardTokenSignerOf(config: StorefrontConfig): ServiceTokenSigner {
  if (config.PLATFORM_SHOPPER_TOKEN_KEY && config.PLATFORM_STOREFRONT_TENANT_ID) {
    return new StoreShopperTokens(config.PLATFORM_STOREFRONT_TENANT_ID, config.PLATFORM_SHOPPER_TOKEN_KEY);
  }
  if (config.PLATFORM_SERVICE_TOKEN_SECRET) return new ServiceTokens(config.PLATFORM_SERVICE_TOKEN_SECRET);
  throw new Error('the storefront needs PLATFORM_SHOPPER_TOKEN_KEY or PLATFORM_SERVICE_TOKEN_SECRET');
}
