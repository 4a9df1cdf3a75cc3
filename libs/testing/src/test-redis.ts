import Redis from 'ioredis';

/** A new connection to the test run's Redis; the caller quits it. */
export function createTestRedis(): Redis {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL is not set: run tests through jest.config.js (global setup)');
  return new Redis(url, { maxRetriesPerRequest: 3 });
}
