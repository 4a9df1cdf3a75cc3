import { PlatformApiHarness, tShirtProduct, type SignedUpMerchant } from '../test/platform-api-harness';

/**
 * Merchant A holds a valid token and B's ids. Every route that takes an id must answer 404 as
 * if the id did not exist, and B's data must be unchanged afterwards.
 */
interface Ids {
  readonly product: string;
  readonly variant: string;
  readonly category: string;
  readonly webhook: string;
  readonly domain: string;
}

describe("merchant A's token on merchant B's resources", () => {
  let harness: PlatformApiHarness;
  let a: SignedUpMerchant;
  let b: SignedUpMerchant;
  let ids: Ids;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start();
    [a, b] = await Promise.all([harness.signupMerchant(), harness.signupMerchant()]);
    const category = await harness.request('POST', '/api/v1/categories', { token: b.token, body: { name: 'Secret' } });
    const product = await harness.request('POST', '/api/v1/products', {
      token: b.token,
      body: { ...tShirtProduct(), categoryIds: [category.body.id] },
    });
    const webhook = await harness.request('POST', '/api/v1/store/webhooks', {
      token: b.token,
      body: { url: 'https://b.example.com/hook', events: ['order.placed'] },
    });
    const domain = `shop-of-b-${b.slug}.example.org`;
    await harness.request('POST', '/api/v1/store/domains', { token: b.token, body: { host: domain } });
    ids = { product: product.body.id, variant: product.body.variants[0].id, category: category.body.id, webhook: webhook.body.id, domain };
  });

  afterAll(async () => {
    await harness.close();
  });

  // Rows always have four cells: with fewer, Jest would pass its `done` callback as the body.
  const attacks: [string, string, (ids: Ids) => string, unknown][] = [
    ['read a product', 'GET', (i) => `/api/v1/products/${i.product}`, undefined],
    ['change a product', 'PATCH', (i) => `/api/v1/products/${i.product}`, { title: 'pwned' }],
    ['delete a product', 'DELETE', (i) => `/api/v1/products/${i.product}`, undefined],
    ['read a category', 'GET', (i) => `/api/v1/categories/${i.category}`, undefined],
    ['rename a category', 'PATCH', (i) => `/api/v1/categories/${i.category}`, { name: 'pwned' }],
    ['delete a category', 'DELETE', (i) => `/api/v1/categories/${i.category}`, undefined],
    ['add a variant to a product', 'POST', (i) => `/api/v1/products/${i.product}/variants`, { sku: 'PWN', options: { Size: 'S', Colour: 'Black' }, stock: 1 }],
    ['reprice a variant', 'PATCH', (i) => `/api/v1/variants/${i.variant}`, { price: { amount: 1, currency: 'EUR' } }],
    ['delete a variant', 'DELETE', (i) => `/api/v1/variants/${i.variant}`, undefined],
    ['pause a webhook endpoint', 'PATCH', (i) => `/api/v1/store/webhooks/${i.webhook}`, { active: false }],
    ['delete a webhook endpoint', 'DELETE', (i) => `/api/v1/store/webhooks/${i.webhook}`, undefined],
    ['verify a custom domain', 'POST', (i) => `/api/v1/store/domains/${i.domain}/verify`, undefined],
    ['remove a custom domain', 'DELETE', (i) => `/api/v1/store/domains/${i.domain}`, undefined],
    ['adjust stock of a variant', 'POST', (i) => `/api/v1/variants/${i.variant}/stock-adjustments`, { delta: -10, reason: 'x' }],
  ];

  it.each(attacks)('cannot %s (404)', async (_name, method, path, body) => {
    const answer = await harness.request(method, path(ids), { token: a.token, ...(body ? { body } : {}) });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('answers a made-up id exactly like a foreign one', async () => {
    const foreign = await harness.request('GET', `/api/v1/products/${ids.product}`, { token: a.token });
    const unknown = await harness.request('GET', '/api/v1/products/00000000-0000-4000-8000-000000000000', { token: a.token });
    const garbage = await harness.request('GET', '/api/v1/products/not-an-id', { token: a.token });
    expect([foreign.status, unknown.status, garbage.status]).toEqual([404, 404, 404]);
    expect(foreign.body.message.replace(ids.product, 'ID')).toBe(unknown.body.message.replace('00000000-0000-4000-8000-000000000000', 'ID'));
  });

  it("cannot file A's product under B's category", async () => {
    const answer = await harness.request('POST', '/api/v1/products', {
      token: a.token,
      body: { ...tShirtProduct(), categoryIds: [ids.category] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.details).toEqual([{ field: 'categoryIds.0', message: 'no such category' }]);
  });

  it("sees none of B's data in its own lists, and B's data is untouched", async () => {
    expect((await harness.request('GET', '/api/v1/products', { token: a.token })).body).toMatchObject({ items: [], total: 0 });
    expect((await harness.request('GET', '/api/v1/categories', { token: a.token })).body).toEqual({ items: [] });

    const product = await harness.request('GET', `/api/v1/products/${ids.product}`, { token: b.token });
    expect(product.status).toBe(200);
    expect(product.body).toMatchObject({ title: 'Organic T-Shirt', categoryIds: [ids.category] });
    expect(product.body.variants[0].stock).toBe(10);
    expect((await harness.request('GET', `/api/v1/categories/${ids.category}`, { token: b.token })).body.name).toBe('Secret');
    expect((await harness.request('GET', '/api/v1/store/webhooks', { token: b.token })).body.items).toEqual([expect.objectContaining({ id: ids.webhook, active: true })]);
    expect((await harness.request('GET', '/api/v1/store/domains', { token: b.token })).body.items.map((d: { host: string }) => d.host)).toContain(ids.domain);
    expect((await harness.request('GET', '/api/v1/store/webhooks', { token: a.token })).body.items).toEqual([]);
  });

  it('refuses a tampered token, a merchant token on the admin API and no token at all', async () => {
    const [header, payload, signature] = a.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, tid: b.tenantId })).toString('base64url')}.${signature}`;
    expect((await harness.request('GET', `/api/v1/products/${ids.product}`, { token: forged })).status).toBe(401);
    expect((await harness.request('GET', '/api/v1/products')).status).toBe(401);
    expect((await harness.request('GET', '/api/v1/admin/tenants', { token: a.token })).status).toBe(403);
  });
});
