import { HostClient } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
// The merchant's orders come from real checkout shards, started (with a storefront to shop in) by
// the storefront's harness; the platform API joins that platform.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { StorefrontHarness } from '../../../storefront/test/storefront-harness';
import { PlatformApiHarness, tShirtProduct } from '../../test/platform-api-harness';

describe("merchant's orders over the platform API", () => {
  let platform: StorefrontHarness;
  let api: PlatformApiHarness;

  beforeAll(async () => {
    platform = await StorefrontHarness.start();
    const { DATABASE_URL: _database, REDIS_URL: _redis, LOG_LEVEL: _level, ...joinEnv } = platform.platformEnv;
    api = await PlatformApiHarness.start(joinEnv);
  });

  afterAll(async () => {
    await api?.close();
    await platform?.close();
  });

  it("lists, shows and fulfils the store's orders, and answers 404 to another merchant", async () => {
    const merchant = await api.signupMerchant();
    const other = await api.signupMerchant();
    const created = await api.request('POST', '/api/v1/products', { token: merchant.token, body: tShirtProduct('ord') });
    expect(created.status).toBe(201);

    const shopper = new HostClient(platform.storefront.url, `${merchant.slug}.shop.test`);
    expect((await shopper.json('POST', '/api/v1/cart/items', { sku: created.body.variants[0].sku, quantity: 2 })).status).toBe(201);
    const placed = await shopper.json(
      'POST',
      '/api/v1/checkout',
      { paymentMethod: 'cod', shippingAddress: { name: 'Ada', line1: '1 Street', city: 'London', postalCode: 'N1', country: 'GB' } },
      { 'idempotency-key': `order-${randomUUID()}` },
    );
    expect(placed.status).toBe(201);
    const orderId = placed.body.orderId as string;

    const list = await api.request('GET', '/api/v1/orders', { token: merchant.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([orderId]);
    expect((await api.request('GET', `/api/v1/orders/${orderId}`, { token: merchant.token })).body).toMatchObject({ id: orderId, status: 'placed' });

    const fulfilled = await api.request('POST', `/api/v1/orders/${orderId}/fulfil`, { token: merchant.token });
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body.status).toBe('fulfilled');

    expect((await api.request('GET', `/api/v1/orders/${orderId}`, { token: other.token })).status).toBe(404);
    expect((await api.request('POST', `/api/v1/orders/${orderId}/cancel`, { token: other.token })).status).toBe(404);
    expect((await api.request('GET', '/api/v1/orders', { token: other.token })).body.items).toEqual([]);
    expect((await api.request('GET', '/api/v1/orders/not-an-id', { token: merchant.token })).status).toBe(404);
  });
});
