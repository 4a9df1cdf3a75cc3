import type { LowStockReport } from '@storefront/contracts';
import { PlatformApiHarness, tShirtProduct } from '../../test/platform-api-harness';

describe('low stock across the whole catalog', () => {
  let harness: PlatformApiHarness;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('lists variants at or under the threshold, fewest first, leaving archived products and other stores out', async () => {
    const merchant = await harness.signupMerchant();
    const { token } = merchant;
    const tee = await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct('LOW') });
    const archived = await harness.request('POST', '/api/v1/products', { token, body: { ...tShirtProduct('OLD'), status: 'archived' } });
    expect(archived.status).toBe(201);
    const [small, medium] = tee.body.variants as { id: string; sku: string }[];
    await harness.request('POST', `/api/v1/variants/${small!.id}/stock-adjustments`, { token, body: { delta: -7, reason: 'count' } });
    await harness.request('POST', `/api/v1/variants/${medium!.id}/stock-adjustments`, { token, body: { delta: -10, reason: 'count' } });
    for (const variant of archived.body.variants as { id: string }[]) {
      await harness.request('POST', `/api/v1/variants/${variant.id}/stock-adjustments`, { token, body: { delta: -10, reason: 'count' } });
    }
    const other = await harness.signupMerchant();
    const theirs = await harness.request('POST', '/api/v1/products', { token: other.token, body: tShirtProduct('THEIRS') });
    await harness.request('POST', `/api/v1/variants/${theirs.body.variants[0].id}/stock-adjustments`, { token: other.token, body: { delta: -10, reason: 'count' } });

    const low = await harness.request<LowStockReport>('GET', '/api/v1/stock/low', { token });
    expect(low.status).toBe(200);
    expect(low.body).toEqual({
      threshold: 5,
      total: 2,
      items: [
        { productId: tee.body.id, productTitle: 'Organic T-Shirt', variantId: medium!.id, sku: medium!.sku, options: { Size: 'S', Colour: 'White' }, stock: 0 },
        { productId: tee.body.id, productTitle: 'Organic T-Shirt', variantId: small!.id, sku: small!.sku, options: { Size: 'S', Colour: 'Black' }, stock: 3 },
      ],
    });
    const wider = await harness.request<LowStockReport>('GET', '/api/v1/stock/low?threshold=10&limit=3', { token });
    expect(wider.body.total).toBe(6);
    expect(wider.body.items.map((i) => i.stock)).toEqual([0, 3, 10]);
    expect((await harness.request('GET', '/api/v1/stock/low?threshold=-1', { token })).status).toBe(400);
    expect((await harness.request('GET', '/api/v1/stock/low')).status).toBe(401);
    expect((await harness.request('GET', '/api/v1/stock/low', { token: await harness.adminToken() })).status).toBe(403);
  });
});
