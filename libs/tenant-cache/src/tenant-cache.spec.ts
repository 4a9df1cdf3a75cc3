import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createTestRedis, until } from '@storefront/testing';
import { TenantCache, TenantCacheInvalidator, invalidationChannel } from './tenant-cache';

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
    const delivered = new Promise<void>((resolve) => subscriber.once('pmessage', () => resolve()));
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

  it("takes the store from the channel, so a message on one store's channel drops no other store's entries", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await cache.get(a, 'k', async () => 'a1');
    await cache.get(b, 'k', async () => 'b1');
    const delivered = new Promise<void>((resolve) => subscriber.once('pmessage', () => resolve()));
    await redis.publish(invalidationChannel(namespace, a), b);
    await delivered;
    // a's in-process entry is gone (its shared entry still answers); b's is untouched.
    await redis.del(`${namespace}:${a}:v0:k`, `${namespace}:${b}:v0:k`);
    expect(await cache.get(a, 'k', async () => 'a2')).toBe('a2');
    expect(await cache.get(b, 'k', async () => 'b2')).toBe('b1');
  });

  it("listens on its own store's channel only when it serves one store", async () => {
    const [mine, other] = [randomUUID(), randomUUID()];
    const storeSubscriber = createTestRedis();
    const storeCache = new TenantCache({ namespace, redis, subscriber: storeSubscriber, tenantId: mine });
    await storeCache.start();
    try {
      await storeCache.get(other, 'k', async () => 'other1');
      await storeCache.get(mine, 'k', async () => 'mine1');
      await new TenantCacheInvalidator(redis, namespace).invalidate(mine);
      const channels = (await redis.call('PUBSUB', 'CHANNELS', `cache:${namespace}:*`)) as string[];
      expect(channels).toEqual([invalidationChannel(namespace, mine)]);
      await until(async () => (await storeCache.get(mine, 'k', async () => 'mine2')) === 'mine2');
    } finally {
      await storeCache.stop();
      storeSubscriber.disconnect();
    }
  });
});
