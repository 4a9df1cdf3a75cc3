import { RedisAclUsers, redisUrlAs, type PlatformApiRedisPrefixes, type RedisLogin } from '@storefront/redis-acl';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

/**
 * Every platform API a test starts keeps its keys under `test-<id>:` and its queue under
 * `test-<id>` (parallel files must not share login throttles or jobs); the platform API's Redis
 * user, made by the global setup, covers exactly these and nothing wider.
 */
export const TEST_PLATFORM_API_REDIS_PREFIXES: Required<PlatformApiRedisPrefixes> = { keyPrefix: 'test-*:', queuePrefix: 'test-*' };

/** Prefixes of one test's platform API, inside TEST_PLATFORM_API_REDIS_PREFIXES. */
export function newPlatformApiTestPrefixes(): Required<PlatformApiRedisPrefixes> {
  const id = randomUUID();
  return { keyPrefix: `test-${id}:`, queuePrefix: `test-${id}` };
}

/**
 * This worker's Redis database on the test run's server, as the admin user (tests set up and
 * inspect with it; a test standing for a service logs in as that service, `testRedisUrlAs`).
 * Queues are shared by every process on one Redis, so a shard started by one worker would
 * otherwise take jobs of tenants that live in another worker's PostgreSQL database.
 * `separate`: another one, for a platform of its own.
 */
export function testRedisUrl(separate = false): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL is not set: run tests through jest.config.js (global setup)');
  return onWorkerDatabase(url, separate);
}

/** This worker's Redis database as a service's own user, the one it has in production. */
export function testRedisUrlAs(login: RedisLogin, separate = false): string {
  const urls = JSON.parse(process.env.TEST_REDIS_URLS ?? '{}') as Partial<Record<RedisLogin, string>>;
  const url = urls[login];
  if (!url) throw new Error(`no Redis login ${login} in TEST_REDIS_URLS: run tests through jest.config.js (global setup)`);
  return onWorkerDatabase(url, separate);
}

/**
 * The REDIS_URL the storefront Pod of one store gets: its store's ACL user, created over the admin
 * connection as the operator creates it.
 */
export async function testStorefrontRedisUrl(tenantId: string, separate = false): Promise<string> {
  const admin = new Redis(testRedisUrl(separate), { maxRetriesPerRequest: 3 });
  try {
    const { user, password } = await new RedisAclUsers(admin).ensureStorefrontUser(tenantId);
    return redisUrlAs(testRedisUrl(separate), user, password);
  } finally {
    admin.disconnect();
  }
}

function onWorkerDatabase(url: string, separate: boolean): string {
  const worker = Number(process.env.JEST_WORKER_ID ?? 0);
  return `${url.replace(/\/\d*$/, '')}/${separate ? 8 + worker : worker}`;
}

/** A new connection to this worker's Redis database; the caller quits it. */
export function createTestRedis(): Redis {
  return new Redis(testRedisUrl(), { maxRetriesPerRequest: 3 });
}
