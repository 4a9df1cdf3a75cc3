import Redis from 'ioredis';

/**
 * This worker's Redis database on the test run's server. Queues are shared by every process on
 * one Redis, so a shard started by one worker would otherwise take jobs of tenants that live in
 * another worker's PostgreSQL database. `separate`: another one, for a platform of its own.
 */
export function testRedisUrl(separate = false): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL is not set: run tests through jest.config.js (global setup)');
  const worker = Number(process.env.JEST_WORKER_ID ?? 0);
  return `${url.replace(/\/\d*$/, '')}/${separate ? 8 + worker : worker}`;
}

/** A new connection to this worker's Redis database; the caller quits it. */
export function createTestRedis(): Redis {
  return new Redis(testRedisUrl(), { maxRetriesPerRequest: 3 });
}
