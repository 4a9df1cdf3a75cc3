import { createTestRedis } from '@storefront/testing';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { TenantCache } from './tenant-cache';

describe('two-level tenant cache', () => {
  let redis: Redis;
  let subscriber: Redis;
  let cache: TenantCache;
  const namespace = `test-${randomUUID()}`;

  beforeAll(async () => {
    redis = createTestRedis();
    subscriber = createTestRedis();
    cache = new TenantCache({ namespace, redis, subscriber });
    await cache.start();
  });

  afterAll(async () => {
    await cache.stop();
    redis.disconnect();
    subscriber.disconnect();
  });

  it('serves a value until the tenant is invalidated, and keeps tenants apart', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    expect(await cache.get(a, 'k', async () => 'a1')).toBe('a1');
    expect(await cache.get(b, 'k', async () => 'b1')).toBe('b1');
    expect(await cache.get(a, 'k', async () => 'a2')).toBe('a1');
    await cache.invalidate(a);
    expect(await cache.get(a, 'k', async () => 'a2')).toBe('a2');
    expect(await cache.get(b, 'k', async () => 'b2')).toBe('b1');
  });

  it('does not keep a value that was loading while another process invalidated the tenant', async () => {
    const tenant = randomUUID();
    const otherSubscriber = createTestRedis();
    const otherProcess = new TenantCache({ namespace, redis, subscriber: otherSubscriber });
    await otherProcess.start();
    const delivered = new Promise<void>((resolve) => subscriber.once('message', () => resolve()));
    try {
      // The change lands elsewhere after this load read the old data; its message arrives first.
      const stale = await cache.get(tenant, 'k', async () => {
        await otherProcess.invalidate(tenant);
        await delivered;
        return 'before the change';
      });
      expect(stale).toBe('before the change');
      expect(await cache.get(tenant, 'k', async () => 'after the change')).toBe('after the change');
    } finally {
      await otherProcess.stop();
      otherSubscriber.disconnect();
    }
  });
});
