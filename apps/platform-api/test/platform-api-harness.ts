/** Starts the real platform API (port 0) on this worker's database and Redis, and talks HTTP to it. */
import { loadConfig } from '@storefront/config';
import { databaseUrlAs, type DatabaseClusters } from '@storefront/database';
import { createLogger } from '@storefront/observability';
import { createTestClusters, newPlatformApiTestPrefixes, TEST_PLATFORM_API_LOGIN, testDatabaseUrl, testLogger, testRedisUrlAs } from '@storefront/testing';
import { uniqueSlug } from '@storefront/tenancy/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { platformApiConfigSchema, type PlatformApiConfig } from '../src/platform-api.config';
import { PLATFORM_API_TENANT_ENTITIES } from '../src/platform-api-services';
import { startPlatformApi, type RunningPlatformApi } from '../src/start-platform-api';

/** Answers are asserted field by field in the tests, so their bodies stay loosely typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface HttpAnswer<T = Json> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as is (for malformed or oversized payloads). */
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SignedUpMerchant {
  readonly tenantId: string;
  readonly slug: string;
  readonly email: string;
  readonly password: string;
  readonly token: string;
}

export class PlatformApiHarness {
  private constructor(
    readonly api: RunningPlatformApi,
    readonly clusters: DatabaseClusters,
    readonly redis: Redis,
    readonly config: PlatformApiConfig,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<PlatformApiHarness> {
    // In Kubernetes mode the operator provisions and the platform API has its own login, as in
    // the chart; in-process it is the provisioner and logs in as the owner (npm start).
    const login = env.PLATFORM_PROVISIONING === 'kubernetes' ? TEST_PLATFORM_API_LOGIN : undefined;
    const clusters = await createTestClusters({ tenantEntities: PLATFORM_API_TENANT_ENTITIES, ...(login ? { login } : {}) });
    // A key prefix and a queue prefix per harness keep login-throttle counters and jobs of
    // parallel test files apart. As the platform API's own Redis user, whose patterns cover them.
    const redisUrl = testRedisUrlAs('platform-api');
    const prefixes = newPlatformApiTestPrefixes();
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, keyPrefix: prefixes.keyPrefix });
    const config = loadConfig(platformApiConfigSchema, {
      DATABASE_URL: login ? databaseUrlAs(await testDatabaseUrl(), login) : await testDatabaseUrl(),
      PLATFORM_DOMAIN: 'shop.test',
      PLATFORM_JWT_SECRET: randomUUID() + randomUUID(),
      PLATFORM_ADMIN_EMAIL: `admin-${randomUUID().slice(0, 8)}@example.com`,
      PLATFORM_ADMIN_PASSWORD: 'correct horse battery staple',
      PLATFORM_STORE_URL_TEMPLATE: 'http://{host}:8081',
      PLATFORM_TENANT_RETENTION_HOURS: '0',
      PLATFORM_OBJECT_STORAGE_DIRECTORY: mkdtempSync(join(tmpdir(), 'objects-')),
      PLATFORM_QUEUE_PREFIX: prefixes.queuePrefix,
      PLATFORM_DOMAIN_VERIFICATION_ATTEMPTS: '3',
      PLATFORM_SIGNUPS_PER_ADDRESS_PER_HOUR: '1000',
      PLATFORM_DOMAIN_VERIFICATION_RETRY_SECONDS: '1',
      LOG_LEVEL: 'silent',
      ...env,
      // Last: a joined platform's env (the storefront harness's) carries the admin's URL.
      REDIS_URL: redisUrl,
    });
    // Into this run's log files (scanned for leaked secrets), unless a test asks for a level.
    const logger = env.LOG_LEVEL ? createLogger({ service: 'platform-api', level: config.LOG_LEVEL }) : testLogger('platform-api');
    const api = await startPlatformApi({ config, clusters, redis, logger, handleSignals: false });
    return new PlatformApiHarness(api, clusters, redis, config);
  }

  async close(): Promise<void> {
    await this.api.close();
    this.redis.disconnect();
    await this.clusters.destroy();
  }

  async request<T = Json>(method: string, path: string, options: RequestOptions = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.api.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  async signupMerchant(overrides: Partial<{ slug: string; storeName: string }> = {}): Promise<SignedUpMerchant> {
    const slug = overrides.slug ?? uniqueSlug('shop');
    const email = `${slug}@merchants.example.com`;
    const password = 'a long merchant password';
    const signup = await this.request('POST', '/api/v1/signup', {
      body: { email, password, storeName: overrides.storeName ?? `Store ${slug}`, slug },
    });
    if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${JSON.stringify(signup.body)}`);
    return { tenantId: signup.body.tenantId, slug, email, password, token: await this.login(email, password) };
  }

  async login(email: string, password: string): Promise<string> {
    const answer = await this.request('POST', '/api/v1/auth/login', { body: { email, password } });
    if (answer.status !== 200) throw new Error(`login failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.accessToken;
  }

  adminToken(): Promise<string> {
    return this.login(this.config.PLATFORM_ADMIN_EMAIL!, this.config.PLATFORM_ADMIN_PASSWORD!);
  }
}

/** Two option dimensions (3 sizes x 2 colours) and six variants, each with its own SKU. */
export function tShirtProduct(skuPrefix = `TS-${randomUUID().slice(0, 6)}`) {
  const sizes = ['S', 'M', 'L'];
  const colours = ['Black', 'White'];
  return {
    title: 'Organic T-Shirt',
    description: 'Soft and fair.',
    price: { amount: 2500, currency: 'EUR' },
    attributes: { material: 'cotton', organic: true },
    options: [
      { name: 'Size', values: sizes },
      { name: 'Colour', values: colours },
    ],
    variants: sizes.flatMap((size) =>
      colours.map((colour) => ({
        sku: `${skuPrefix}-${size}-${colour}`.toUpperCase(),
        options: { Size: size, Colour: colour },
        stock: 10,
        ...(size === 'L' ? { price: { amount: 2700, currency: 'EUR' } } : {}),
      })),
    ),
  };
}
