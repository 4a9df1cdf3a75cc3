import { PlatformApiHarness, tShirtProduct } from '../test/platform-api-harness';

describe('merchant journey over HTTP', () => {
  let harness: PlatformApiHarness;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('signs up, signs in, creates a product with two option dimensions and six variants, and lists it', async () => {
    const slug = `tees-${Date.now().toString(36)}`;
    const signup = await harness.request('POST', '/api/v1/signup', {
      body: { email: `Owner+${slug}@Example.com`, password: 'a long merchant password', storeName: 'Tee Shop', slug },
    });
    expect(signup.status).toBe(201);
    expect(signup.body).toEqual({
      tenantId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      slug,
      status: 'active',
      storeUrl: `http://${slug}.shop.test:8081`,
    });
    // The store is live when signup returns: its host resolves to the new tenant.
    const resolved = await harness.api.services.tenancy.hostResolver.resolve(`${slug}.shop.test`);
    expect(resolved).toMatchObject({ tenantId: signup.body.tenantId, status: 'active' });

    const token = await harness.login(`owner+${slug}@example.com`, 'a long merchant password');
    const created = await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct('tee') });
    expect(created.status).toBe(201);
    expect(created.body.variants).toHaveLength(6);
    expect(created.body.variants.map((v: { sku: string }) => v.sku)).toEqual([
      'TEE-S-BLACK', 'TEE-S-WHITE', 'TEE-M-BLACK', 'TEE-M-WHITE', 'TEE-L-BLACK', 'TEE-L-WHITE',
    ]);
    expect(created.body.variants[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sku: 'TEE-S-BLACK',
      options: { Size: 'S', Colour: 'Black' },
      price: null,
      stock: 10,
      weightGrams: 0,
      taxCategory: null,
    });
    expect(created.body.variants[4].price).toEqual({ amount: 2700, currency: 'EUR' });

    const list = await harness.request('GET', '/api/v1/products', { token });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(list.body.items[0]).toEqual(created.body);
  });

  it('answers the store with its address, domains and settings, and changes the settings', async () => {
    const merchant = await harness.signupMerchant({ storeName: 'Cafe Ole' });
    const store = await harness.request('GET', '/api/v1/store', { token: merchant.token });
    expect(store.status).toBe(200);
    expect(store.body).toEqual({
      tenantId: merchant.tenantId,
      slug: merchant.slug,
      name: 'Cafe Ole',
      status: 'active',
      plan: 'starter',
      storeUrl: `http://${merchant.slug}.shop.test:8081`,
      domains: [{ host: `${merchant.slug}.shop.test`, kind: 'platform', status: 'verified' }],
      // Provisioned in-process: no Store resource whose setup to follow.
      provisioning: null,
    });
    expect((await harness.request('GET', '/api/v1/store/settings', { token: merchant.token })).body).toEqual({
      name: 'Cafe Ole',
      currency: 'USD',
      locale: 'en',
      reviewsAutoApprove: false,
      reviewRequestDelayDays: 7,
    });
    const changed = await harness.request('PATCH', '/api/v1/store/settings', { token: merchant.token, body: { currency: 'EUR', name: 'Café Olé' } });
    expect(changed.body).toEqual({ name: 'Café Olé', currency: 'EUR', locale: 'en', reviewsAutoApprove: false, reviewRequestDelayDays: 7 });
    expect((await harness.request('GET', '/api/v1/store', { token: merchant.token })).body.name).toBe('Café Olé');
  });

  it('filters and pages the product list by text, status and category', async () => {
    const { token } = await harness.signupMerchant();
    const category = await harness.request('POST', '/api/v1/categories', { token, body: { name: 'Summer Sale' } });
    expect(category.status).toBe(201);
    expect(category.body).toMatchObject({ slug: 'summer-sale', parentId: null });
    for (const [i, title] of ['Red Mug', 'Blue Mug', 'Green Plate'].entries()) {
      const body = {
        title,
        price: { amount: 900 + i, currency: 'EUR' },
        options: [],
        variants: [{ sku: `SKU-${i}`, stock: i }],
        ...(title.endsWith('Mug') ? { categoryIds: [category.body.id] } : {}),
        ...(title === 'Blue Mug' ? { status: 'draft' } : {}),
      };
      expect((await harness.request('POST', '/api/v1/products', { token, body })).status).toBe(201);
    }
    const titles = async (query: string) =>
      (await harness.request('GET', `/api/v1/products?${query}`, { token })).body.items.map((p: { title: string }) => p.title);

    expect(await titles('q=mug')).toEqual(['Blue Mug', 'Red Mug']);
    expect(await titles('q=sku-2')).toEqual(['Green Plate']);
    expect(await titles('status=draft')).toEqual(['Blue Mug']);
    expect(await titles(`category=${category.body.id}&status=active`)).toEqual(['Red Mug']);
    const page2 = await harness.request('GET', '/api/v1/products?pageSize=2&page=2', { token });
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.body.items.map((p: { title: string }) => p.title)).toEqual(['Red Mug']);
  });

  it('adjusts stock through the ledger and refuses to go below zero', async () => {
    const { token } = await harness.signupMerchant();
    const product = await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct() });
    const variant = product.body.variants[0];
    const path = `/api/v1/variants/${variant.id}/stock-adjustments`;

    const restock = await harness.request('POST', path, { token, body: { delta: 5, reason: 'restock' } });
    expect(restock.status).toBe(201);
    expect(restock.body).toEqual({ variantId: variant.id, sku: variant.sku, stock: 15 });

    const tooMany = await harness.request('POST', path, { token, body: { delta: -16, reason: 'count' } });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.details).toEqual([{ field: 'delta', message: 'would leave -1 in stock; at most 15 can be removed' }]);

    const after = await harness.request('GET', `/api/v1/products/${product.body.id}`, { token });
    expect(after.body.variants[0].stock).toBe(15);
  });

  it('updates and deletes a product', async () => {
    const { token } = await harness.signupMerchant();
    const product = await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct() });
    const updated = await harness.request('PATCH', `/api/v1/products/${product.body.id}`, {
      token,
      body: { title: 'Organic Tee', status: 'archived' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ title: 'Organic Tee', status: 'archived', variants: product.body.variants });

    expect((await harness.request('DELETE', `/api/v1/products/${product.body.id}`, { token })).status).toBe(204);
    expect((await harness.request('GET', `/api/v1/products/${product.body.id}`, { token })).status).toBe(404);
  });

  it('refuses a product beyond the plan limit with a clear 403, not counting archived ones, and allows it after an upgrade', async () => {
    const { token, tenantId } = await harness.signupMerchant();
    await harness.clusters.primary.query(`INSERT INTO platform.plans (id, max_products) VALUES ('tiny', 1) ON CONFLICT DO NOTHING`);
    const admin = await harness.adminToken();
    expect((await harness.request('PUT', `/api/v1/admin/tenants/${tenantId}/plan`, { token: admin, body: { plan: 'tiny' } })).status).toBe(200);

    const first = await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct() });
    expect(first.status).toBe(201);
    const refused = await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct() });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/at most 1 products/);
    expect((await harness.request('GET', '/api/v1/products', { token })).body.total).toBe(1);

    // Archived products do not count against the limit.
    await harness.request('PATCH', `/api/v1/products/${first.body.id}`, { token, body: { status: 'archived' } });
    expect((await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct() })).status).toBe(201);
    expect((await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct() })).status).toBe(403);

    await harness.request('PUT', `/api/v1/admin/tenants/${tenantId}/plan`, { token: admin, body: { plan: 'growth' } });
    expect((await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct() })).status).toBe(201);
  });
});
