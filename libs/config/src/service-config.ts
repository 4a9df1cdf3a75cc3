import { z } from 'zod';
import { addressList, logLevel, port, positiveInt, postgresUrl, redisUrl } from './config-fields';
import { databasePoolConfigShape } from './database-pool-config';

/** `id=url,id=url`: extra PostgreSQL clusters for tenant schemas, besides DATABASE_URL (`main`). */
export const tenantDatabaseUrls = z
  .string()
  .transform((value, ctx) => {
    const clusters: Record<string, string> = {};
    for (const entry of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      const match = /^([a-z][a-z0-9-]{0,30})=(postgres(?:ql)?:\/\/.+)$/.exec(entry);
      if (!match || match[1] === 'main') {
        ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of id=postgres://... (id not "main")' });
        return z.NEVER;
      }
      clusters[match[1]!] = match[2]!;
    }
    return clusters;
  })
  .default({});

/** Settings every platform process shares. Services extend this with their own. */
export const serviceConfigSchema = z.object({
  DATABASE_URL: postgresUrl,
  REDIS_URL: redisUrl,
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(0),
  LOG_LEVEL: logLevel.default('info'),
  PLATFORM_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/, 'must be a lowercase domain name such as shops.example.com')
    .default('localhost'),
  PLATFORM_TENANT_DATABASE_URLS: tenantDatabaseUrls,
  PLATFORM_CHECKOUT_SHARDS: positiveInt.default(2),
  PLATFORM_SEARCH_SHARDS: positiveInt.default(2),
  PLATFORM_NOTIFICATIONS_SHARDS: positiveInt.default(2),
  ...databasePoolConfigShape,
  /** Shard base URL with {service}, {shard}, {port} (= base port + shard); see ShardRouter. */
  PLATFORM_SHARD_URL_TEMPLATE: z
    .string()
    .regex(/\{(shard|port)\}/, 'must contain {shard} or {port}, e.g. http://{service}-{shard}.{service}:8080')
    .default('http://127.0.0.1:{port}'),
  PLATFORM_CHECKOUT_BASE_PORT: port.default(8090),
  PLATFORM_SEARCH_BASE_PORT: port.default(8100),
  PLATFORM_NOTIFICATIONS_BASE_PORT: port.default(8110),
  /** HMAC secret of service-to-service tokens (storefront -> checkout); `npm start` makes one. */
  PLATFORM_SERVICE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Another Stripe API base (e.g. stripe-mock at http://127.0.0.1:12111); stores use their own keys. */
  PLATFORM_STRIPE_API_URL: z.url({ error: 'must be a URL' }).optional(),
  PLATFORM_PAYMENT_TIMEOUT_MS: positiveInt.default(10_000),
  /**
   * Proxies (addresses or CIDR blocks) in front of the service, e.g. the ingress controller's Pod
   * network. Only a request arriving from one of them has its client address taken from
   * `X-Forwarded-For`; from any other peer the header is ignored (it could be forged).
   */
  PLATFORM_TRUSTED_PROXIES: addressList,
});

export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

export function databaseUrlsOf(config: Pick<ServiceConfig, 'DATABASE_URL' | 'PLATFORM_TENANT_DATABASE_URLS'>): Record<string, string> {
  return { main: config.DATABASE_URL, ...config.PLATFORM_TENANT_DATABASE_URLS };
}

export function shardCountsOf(
  config: Pick<ServiceConfig, 'PLATFORM_CHECKOUT_SHARDS' | 'PLATFORM_SEARCH_SHARDS' | 'PLATFORM_NOTIFICATIONS_SHARDS'>,
): { checkout: number; search: number; notifications: number } {
  return {
    checkout: config.PLATFORM_CHECKOUT_SHARDS,
    search: config.PLATFORM_SEARCH_SHARDS,
    notifications: config.PLATFORM_NOTIFICATIONS_SHARDS,
  };
}
