import { CATALOG_CACHE_NAMESPACE, invalidationChannel } from '@storefront/tenant-cache';
import Redis from 'ioredis';
import { PlatformApiHarness, tShirtProduct } from '../test/platform-api-harness';

describe("storefronts' catalog cache after merchant writes", () => {
  let harness: PlatformApiHarness;
  let subscriber: Redis;
  const invalidated: string[] = [];

  beforeAll(async () => {
    harness = await PlatformApiHarness.start();
    subscriber = new Redis(process.env.TEST_REDIS_URL!);
    // Each store's invalidations go on a channel of its own; the tenant is the channel's last part.
    const prefix = invalidationChannel(CATALOG_CACHE_NAMESPACE, '');
    subscriber.on('pmessage', (_pattern: string, channel: string) => invalidated.push(channel.slice(prefix.length)));
    await subscriber.psubscribe(invalidationChannel(CATALOG_CACHE_NAMESPACE, '*'));
  });

  afterAll(async () => {
    subscriber.disconnect();
    await harness.close();
  });

  it("announces the writing merchant's tenant after each successful write, and not after reads or failures", async () => {
    const merchant = await harness.signupMerchant();
    const other = await harness.signupMerchant();
    const before = invalidated.length;

    await harness.request('GET', '/api/v1/products', { token: merchant.token });
    const bad = await harness.request('POST', '/api/v1/products', { token: merchant.token, body: { title: '' } });
    expect(bad.status).toBe(400);
    const created = await harness.request('POST', '/api/v1/products', { token: merchant.token, body: tShirtProduct('cache') });
    expect(created.status).toBe(201);

    await new Promise((resolve) => setTimeout(resolve, 200));
    // The channel is shared with test files running in parallel: look at this test's tenants only.
    const announced = invalidated.slice(before).filter((id) => id === merchant.tenantId || id === other.tenantId);
    expect(announced).toEqual([merchant.tenantId]);
    expect(announced).not.toContain(other.tenantId);
  });
});
