import { loadConfig } from '@storefront/config';
import { createLogger } from '@storefront/observability';
import { HostClient, testStorefrontRedisUrl } from '@storefront/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { StorefrontHarness, type TestStore } from '../test/storefront-harness';
import { startStorefront, type RunningStorefront } from './start-storefront';
import { storefrontConfigSchema } from './storefront.config';

const ADDRESS = { name: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 1AA', country: 'GB' };

/**
 * Store A's own storefront Pod, started with exactly the REDIS_URL the operator gives it (its
 * store's ACL user); the same URL in an attacker's hands reaches nothing of store B's.
 */
describe("a store's storefront Pod on its store's Redis user", () => {
  let harness: StorefrontHarness;
  let a: TestStore, b: TestStore;
  /** The Pod and an attacker holding the Pod's REDIS_URL. */
  let pod: RunningStorefront, attacker: Redis;

  beforeAll(async () => {
    harness = await StorefrontHarness.start();
    [a, b] = [await harness.createStore('Store A'), await harness.createStore('Store B')];
    const podRedisUrl = await testStorefrontRedisUrl(a.tenantId);
    pod = await startStorefront({
      config: loadConfig(storefrontConfigSchema, { ...harness.platformEnv, REDIS_URL: podRedisUrl, PLATFORM_STOREFRONT_TENANT_ID: a.tenantId, PORT: '0' }),
      logger: createLogger({ service: 'test', level: 'silent' }),
      handleSignals: false,
    });
    attacker = new Redis(podRedisUrl, { maxRetriesPerRequest: 0 });
  });

  afterAll(async () => {
    attacker.disconnect();
    await pod.close();
    await harness.close();
  });

  it('serves its own store: catalog through the cache, cart and account sessions, checkout with replay, merchant changes heard', async () => {
    const product = await harness.createProduct(a);
    const sku = product.variants[0]!.sku;
    const tab = new HostClient(pod.url, a.host);
    expect((await tab.get(`/api/v1/products/${product.slug}`)).body.title).toBe('Classic T-shirt');
    expect((await tab.json('POST', '/api/v1/cart/items', { sku, quantity: 1 })).status).toBe(201);
    const email = `shopper-${randomUUID().slice(0, 8)}@example.com`;
    expect((await tab.json('POST', '/api/v1/customers', { email, password: 'long enough secret' })).status).toBe(201);
    expect((await tab.get('/api/v1/cart')).body).toMatchObject({ itemCount: 1 });
    const idempotency = { 'idempotency-key': `key-${randomUUID()}` };
    const body = { paymentMethod: 'test-card', paymentToken: 'tok_success', shippingAddress: ADDRESS };
    const placed = await tab.json('POST', '/api/v1/checkout', body, idempotency);
    expect(placed.status).toBe(201);
    expect((await tab.json('POST', '/api/v1/checkout', body, idempotency)).body.orderId).toBe(placed.body.orderId);

    // A merchant's change, announced on store A's channel by another process, reaches the Pod's cache.
    await harness.products.update(a.ctx, product.id, { title: 'Renamed T-shirt' });
    await harness.storefront.catalogCache.invalidate(a.tenantId);
    for (let i = 0; i < 100 && (await tab.get(`/api/v1/products/${product.slug}`)).body.title !== 'Renamed T-shirt'; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await tab.get(`/api/v1/products/${product.slug}`)).body.title).toBe('Renamed T-shirt');
  });

  it("cannot read, forge or drop store B's shopper sessions", async () => {
    const tabB = harness.client(b);
    const product = await harness.createProduct(b);
    await tabB.json('POST', '/api/v1/cart/items', { sku: product.variants[0]!.sku, quantity: 1 });
    const sessionKey = `storefront:session:${b.tenantId}:${tabB.cookie('sf_session')!}`;
    const stored = await harness.redis.get(sessionKey);
    expect(stored).not.toBeNull();

    await expect(attacker.get(sessionKey)).rejects.toThrow(/NOPERM/);
    await expect(attacker.set(sessionKey, '{"customerId":"attacker"}')).rejects.toThrow(/NOPERM/);
    await expect(attacker.del(sessionKey)).rejects.toThrow(/NOPERM/);
    await expect(attacker.set(`storefront:session:${b.tenantId}:${randomUUID()}`, '{}')).rejects.toThrow(/NOPERM/);
    expect(await harness.redis.get(sessionKey)).toBe(stored);
  });

  it("cannot publish on store B's invalidation or tenant-change channels", async () => {
    await expect(attacker.publish(`cache:catalog:invalidate:${b.tenantId}`, b.tenantId)).rejects.toThrow(/NOPERM/);
    await expect(attacker.publish(`platform:tenant-changed:${b.tenantId}`, JSON.stringify({ tenantId: b.tenantId }))).rejects.toThrow(/NOPERM/);
  });

  it('cannot wipe, list or reconfigure Redis', async () => {
    await expect(attacker.call('FLUSHALL')).rejects.toThrow(/NOPERM/);
    await expect(attacker.call('KEYS', '*')).rejects.toThrow(/NOPERM/);
    await expect(attacker.call('SCAN', '0')).rejects.toThrow(/NOPERM/);
    await expect(attacker.call('CONFIG', 'GET', 'requirepass')).rejects.toThrow(/NOPERM/);
    await expect(attacker.call('ACL', 'SETUSER', `storefront-${a.tenantId}`, 'allkeys')).rejects.toThrow(/NOPERM/);
  });
});
