import type { OrderDetail, OrderList, OrdersSummary } from '@storefront/contracts';
import { HostClient } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
import { tShirtProduct, type SignedUpMerchant } from '../../test/platform-api-harness';
import { usePlatformWithShards } from '../../test/platform-with-shards';

describe("merchant's orders over the platform API", () => {
  const shards = usePlatformWithShards();

  /** A store with the T-shirt, and a shopper who checks out `quantity` of one variant in it. */
  async function storeWithShopper(): Promise<{ merchant: SignedUpMerchant; skus: string[]; buy(quantity: number, paymentMethod?: 'cod' | 'test-card'): Promise<string> }> {
    const merchant = await shards.api.signupMerchant();
    const created = await shards.api.request('POST', '/api/v1/products', { token: merchant.token, body: tShirtProduct('ord') });
    expect(created.status).toBe(201);
    const skus = (created.body.variants as { sku: string }[]).map((v) => v.sku);
    const shopper = new HostClient(shards.platform.storefront.url, `${merchant.slug}.shop.test`);
    const buy = async (quantity: number, paymentMethod: 'cod' | 'test-card' = 'cod') => {
      expect((await shopper.json('POST', '/api/v1/cart/items', { sku: skus[0], quantity })).status).toBe(201);
      const placed = await shopper.json(
        'POST',
        '/api/v1/checkout',
        {
          paymentMethod,
          ...(paymentMethod === 'test-card' ? { paymentToken: 'tok_success' } : {}),
          shippingAddress: { name: 'Ada', line1: '1 Street', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
        },
        { 'idempotency-key': `order-${randomUUID()}` },
      );
      expect(placed.status).toBe(201);
      return placed.body.orderId as string;
    };
    return { merchant, skus, buy };
  }

  it("lists, shows and fulfils the store's orders, and answers 404 to another merchant", async () => {
    const { merchant, buy } = await storeWithShopper();
    const other = await shards.api.signupMerchant();
    const orderId = await buy(2);

    const list = await shards.api.request<OrderList>('GET', '/api/v1/orders', { token: merchant.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((o) => o.id)).toEqual([orderId]);
    expect(list.body.total).toBe(1);
    const shown = await shards.api.request<OrderDetail>('GET', `/api/v1/orders/${orderId}`, { token: merchant.token });
    expect(shown.body).toMatchObject({ id: orderId, status: 'placed', customerEmail: null, history: [{ from: null, to: 'placed' }] });

    const fulfilled = await shards.api.request<OrderDetail>('POST', `/api/v1/orders/${orderId}/fulfil`, { token: merchant.token });
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body.status).toBe('fulfilled');
    expect(fulfilled.body.history.map((h) => h.to)).toEqual(['placed', 'fulfilled']);
    const again = await shards.api.request('POST', `/api/v1/orders/${orderId}/fulfil`, { token: merchant.token });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/fulfilled/);

    expect((await shards.api.request('GET', `/api/v1/orders/${orderId}`, { token: other.token })).status).toBe(404);
    expect((await shards.api.request('POST', `/api/v1/orders/${orderId}/cancel`, { token: other.token })).status).toBe(404);
    expect((await shards.api.request('POST', `/api/v1/orders/${orderId}/refund`, { token: other.token })).status).toBe(404);
    expect((await shards.api.request('GET', '/api/v1/orders', { token: other.token })).body).toEqual({ items: [], total: 0 });
    expect((await shards.api.request('GET', '/api/v1/orders/not-an-id', { token: merchant.token })).status).toBe(404);
  });

  it('filters by status and pages with a total', async () => {
    const { merchant, buy } = await storeWithShopper();
    const token = merchant.token;
    const first = await buy(1);
    const second = await buy(1);
    const third = await buy(1);
    await shards.api.request('POST', `/api/v1/orders/${second}/cancel`, { token });

    const page1 = await shards.api.request<OrderList>('GET', '/api/v1/orders?limit=2', { token });
    expect(page1.body.total).toBe(3);
    expect(page1.body.items.map((o) => o.id)).toEqual([third, second]);
    const page2 = await shards.api.request<OrderList>('GET', '/api/v1/orders?limit=2&offset=2', { token });
    expect(page2.body).toEqual({ items: [expect.objectContaining({ id: first })], total: 3 });
    const placed = await shards.api.request<OrderList>('GET', '/api/v1/orders?status=placed', { token });
    expect(placed.body.items.map((o) => o.id)).toEqual([third, first]);
    const cancelled = await shards.api.request<OrderList>('GET', '/api/v1/orders?status=cancelled', { token });
    expect(cancelled.body).toMatchObject({ total: 1, items: [{ id: second, status: 'cancelled', payment: { status: 'voided' } }] });

    const bad = await shards.api.request('GET', '/api/v1/orders?status=lost&limit=0', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['limit', 'status']);
    // The tenant comes from the token only: naming a customer or another store is refused, not obeyed.
    expect((await shards.api.request('GET', `/api/v1/orders?customerId=${randomUUID()}`, { token })).status).toBe(400);
    expect((await shards.api.request('GET', `/api/v1/orders?tenantId=${randomUUID()}`, { token })).status).toBe(400);
  });

  it("sums today's orders and revenue in the merchant's time zone, refunds by card, and refuses what is not a time zone", async () => {
    const { merchant, buy } = await storeWithShopper();
    const token = merchant.token;
    const paid = await buy(2, 'test-card');
    await buy(1);
    const refunded = await shards.api.request<OrderDetail>('POST', `/api/v1/orders/${paid}/refund`, { token });
    expect(refunded.body).toMatchObject({ status: 'refunded', payment: { status: 'refunded', refunded: { amount: 5_000, currency: 'EUR' } } });

    const summary = await shards.api.request<OrdersSummary>('GET', '/api/v1/orders/summary?timeZone=Asia/Tokyo', { token });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      timeZone: 'Asia/Tokyo',
      orders: 2,
      byStatus: { awaiting_payment: 0, placed: 1, fulfilled: 0, cancelled: 0, refunded: 1 },
      revenue: [{ amount: 2_500, currency: 'EUR' }],
    });
    expect(new Date(summary.body.from).getUTCHours()).toBe(15); // midnight in Tokyo (UTC+9)
    expect((await shards.api.request<OrdersSummary>('GET', '/api/v1/orders/summary', { token })).body.timeZone).toBe('UTC');

    const other = await shards.api.signupMerchant();
    expect((await shards.api.request<OrdersSummary>('GET', '/api/v1/orders/summary?timeZone=Asia/Tokyo', { token: other.token })).body).toMatchObject({
      orders: 0,
      revenue: [],
    });
    for (const zone of ['%2B01:00', 'Mars%2FOlympus_Mons', "UTC'%3B--"]) {
      const bad = await shards.api.request('GET', `/api/v1/orders/summary?timeZone=${zone}`, { token });
      expect({ zone, status: bad.status, fields: bad.body.details?.map((d: { field: string }) => d.field) }).toEqual({ zone, status: 400, fields: ['timeZone'] });
    }
  });

  it('keeps ids that are not UUIDs out of the forwarded path, and the routes to merchants', async () => {
    const { merchant, buy } = await storeWithShopper();
    const orderId = await buy(1);
    // An encoded path that would climb out of /orders/ if it reached the shard's URL as it is.
    for (const id of ['..%2F..%2Forders', `${orderId}%2F..%2F..%2Forders%2Fsummary`, `${orderId}%3Fstatus%3Dplaced`]) {
      expect({ id, status: (await shards.api.request('GET', `/api/v1/orders/${id}`, { token: merchant.token })).status }).toEqual({ id, status: 404 });
    }
    expect((await shards.api.request('GET', `/api/v1/orders/${orderId.toUpperCase()}`, { token: merchant.token })).body.id).toBe(orderId);
    expect((await shards.api.request('GET', '/api/v1/orders')).status).toBe(401);
    expect((await shards.api.request('GET', '/api/v1/orders/summary', { token: await shards.api.adminToken() })).status).toBe(403);
    expect((await shards.api.request('POST', `/api/v1/orders/${orderId}/fulfil`, { token: await shards.api.adminToken() })).status).toBe(403);
  });
});
