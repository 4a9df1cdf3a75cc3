import { createTestRedis } from '@storefront/testing';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { TenantRateLimiter } from './tenant-rate-limiter';

describe('per-tenant send rate', () => {
  let redis: Redis;
  beforeAll(() => (redis = createTestRedis()));
  afterAll(() => redis.disconnect());

  it("lets a tenant burst, then paces it, without touching another tenant's allowance", async () => {
    const limiter = new TenantRateLimiter(redis, `{notifications:test-${randomUUID()}}`, 1, 5);
    const waits = [];
    for (let i = 0; i < 6; i++) waits.push(await limiter.take('tenant-a'));
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits[5]).toBeGreaterThan(0);
    expect(waits[5]).toBeLessThanOrEqual(1_000);
    expect(await limiter.take('tenant-b')).toBe(0);
  });
});
