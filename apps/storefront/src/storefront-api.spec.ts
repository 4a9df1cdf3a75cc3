import { randomUUID } from 'node:crypto';
import { StorefrontHarness, type TestStore } from '../test/storefront-harness';

const ADDRESS = { name: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 1AA', country: 'GB' };

describe('storefront JSON API', () => {
  let harness: StorefrontHarness;

  beforeAll(async () => {
    harness = await StorefrontHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('takes a shopper from browsing to a paid order that shows in their history, with the cart following them', async () => {
    const store = await harness.createStore('Hat Shop');
    const product = await harness.createProduct(store);
    const sku = product.variants[3]!.sku;

    const tab = harness.client(store);
    const listing = await tab.get('/api/v1/products');
    expect(listing.status).toBe(200);
    expect(listing.body).toMatchObject({ total: 1, items: [{ slug: product.slug, title: 'Classic T-shirt' }] });
    expect((await tab.get(`/api/v1/products/${product.slug}`)).body.variants).toHaveLength(6);

    const added = await tab.json('POST', '/api/v1/cart/items', { sku, quantity: 2 });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ itemCount: 2, subtotal: 3998, currency: 'EUR' });
    const anonymousSession = tab.cookie('sf_session');

    const email = `shopper-${randomUUID().slice(0, 8)}@example.com`;
    expect((await tab.json('POST', '/api/v1/customers', { email, password: 'long enough secret' })).status).toBe(201);
    expect(tab.cookie('sf_session')).not.toBe(anonymousSession);
    expect((await tab.get('/api/v1/cart')).body).toMatchObject({ itemCount: 2 });
    expect((await tab.json('POST', '/api/v1/customers/logout')).status).toBe(204);
    expect((await tab.get('/api/v1/cart')).body).toMatchObject({ itemCount: 0 });

    const otherBrowser = harness.client(store);
    expect((await otherBrowser.json('POST', '/api/v1/customers/login', { email, password: 'long enough secret' })).status).toBe(200);
    expect((await otherBrowser.get('/api/v1/cart')).body).toMatchObject({ itemCount: 2, lines: [{ sku, quantity: 2 }] });

    const placed = await otherBrowser.json(
      'POST',
      '/api/v1/checkout',
      { paymentMethod: 'test-card', paymentToken: 'tok_success', shippingAddress: ADDRESS },
      { 'idempotency-key': `key-${randomUUID()}` },
    );
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ orderId: expect.any(String), total: { amount: 3998, currency: 'EUR' } });
    expect((await otherBrowser.get('/api/v1/cart')).body).toMatchObject({ itemCount: 0 });
    const history = await otherBrowser.get('/api/v1/orders');
    expect(history.body.items.map((o: { id: string }) => o.id)).toEqual([placed.body.orderId]);
  });

  it('refuses a NUL character in a body field or a path slug with 400 naming the field (PostgreSQL cannot store it)', async () => {
    const store = await harness.createStore();
    const tab = harness.client(store);
    const login = await tab.json('POST', '/api/v1/customers/login', { email: 'ada@example.com', password: 'long enough\u0000secret' });
    expect(login.status).toBe(400);
    expect(login.body.details).toEqual([{ field: 'password', message: 'must not contain the NUL character (\\u0000)' }]);
    const product = await tab.get('/api/v1/products/shirt%00');
    expect(product.status).toBe(400);
    expect(product.body.details).toEqual([{ field: 'slug', message: expect.stringContaining('NUL') }]);
  });

  it('refuses a category filter the search shard would refuse with 400 naming it, rather than reporting search as down', async () => {
    const store = await harness.createStore();
    const answer = await harness.client(store).get('/api/v1/products?category=%1A');
    expect(answer.status).toBe(400);
    expect(answer.body.details).toEqual([{ field: 'category', message: 'must not contain control characters' }]);
  });

  it('answers 404 for an unknown host and 503 while a store is suspended', async () => {
    const store = await harness.createStore();
    const stranger = harness.client({ ...store, host: `nobody-${randomUUID().slice(0, 6)}.shop.test` });
    expect((await stranger.get('/api/v1/products')).status).toBe(404);
    const page = await stranger.get('/');
    expect(page.status).toBe(404);
    expect(page.text).toContain('There is no store at this address.');

    await harness.tenancy.registry.setStatus(store.tenantId, 'suspended', 'test');
    const tab = harness.client(store);
    await eventually(async () => (await tab.get('/api/v1/products')).status === 503);
    expect((await tab.get('/')).text).toContain('temporarily unavailable');
    await harness.tenancy.registry.setStatus(store.tenantId, 'active', 'test');
    await eventually(async () => (await tab.get('/api/v1/products')).status === 200);
  });

  it('stops serving a store the moment it is being deleted, and takes no new shoppers during its retention period', async () => {
    const store = await harness.createStore();
    const tab = harness.client(store);
    expect((await tab.get('/api/v1/products')).status).toBe(200);

    // What the platform API's deletion does first; the schema stays for the retention period.
    await harness.tenancy.registry.setStatus(store.tenantId, 'deleting', 'test');
    await eventually(async () => (await tab.get('/api/v1/products')).status === 404);
    const registration = await harness.client(store).json('POST', '/api/v1/customers', { email: `late-${randomUUID().slice(0, 8)}@example.com`, password: 'long enough secret' });
    expect(registration.status).toBe(404);
    expect((await tab.get('/')).text).toContain('There is no store at this address.');
    const [row] = await harness.tenancy.unitOfWork.run(store.ctx, (tx) => tx.query<{ n: number }[]>('SELECT count(*)::int AS n FROM customers'));
    expect(row!.n).toBe(0);
  });

  describe('two stores side by side', () => {
    let a: TestStore;
    let b: TestStore;

    beforeAll(async () => {
      a = await harness.createStore('Store A');
      b = await harness.createStore('Store B');
      await harness.createProduct(a, { title: 'A shirt', slug: 'shirt' });
      await harness.createProduct(b, { title: 'B shirt', slug: 'shirt' });
    });

    it("shows each store's own product under the same slug, through warm caches too", async () => {
      for (let round = 0; round < 3; round++) {
        expect((await harness.client(a).get('/api/v1/products/shirt')).body.title).toBe('A shirt');
        expect((await harness.client(b).get('/api/v1/products/shirt')).body.title).toBe('B shirt');
        expect((await harness.client(b).get('/products/shirt')).text).toContain('B shirt');
        expect((await harness.client(b).get('/products/shirt')).text).not.toContain('A shirt');
      }
    });

    it("does not accept store A's session cookie at store B", async () => {
      const tabA = harness.client(a);
      const skuA = (await tabA.get('/api/v1/products/shirt')).body.variants[0].sku;
      await tabA.json('POST', '/api/v1/cart/items', { sku: skuA, quantity: 1 });
      const stolen = tabA.cookie('sf_session')!;

      const tabB = harness.client(b);
      tabB.setCookie('sf_session', stolen);
      expect((await tabB.get('/api/v1/cart')).body).toMatchObject({ id: null, itemCount: 0 });
      expect((await tabB.json('POST', '/api/v1/cart/items', { sku: skuA, quantity: 1 })).status).toBe(404);
    });
  });

  describe('cart edge cases', () => {
    let store: TestStore;
    let sku: string;
    let productId: string;

    beforeAll(async () => {
      store = await harness.createStore();
      const product = await harness.createProduct(store, {}, 3);
      sku = product.variants[0]!.sku;
      productId = product.id;
    });

    it.each([
      [0, 400],
      [-1, 400],
      [4, 409],
      [1.5, 400],
    ])('refuses quantity %p with %p and changes nothing', async (quantity, status) => {
      const tab = harness.client(store);
      const answer = await tab.json('POST', '/api/v1/cart/items', { sku, quantity });
      expect(answer.status).toBe(status);
      expect(answer.body.details[0].field).toBe('quantity');
      expect((await tab.get('/api/v1/cart')).body.itemCount).toBe(0);
    });

    it('refuses an unknown SKU with 404', async () => {
      const answer = await harness.client(store).json('POST', '/api/v1/cart/items', { sku: 'NO-SUCH-SKU', quantity: 1 });
      expect(answer.status).toBe(404);
    });

    it('refuses a quantity change above stock and removes the line at 0', async () => {
      const tab = harness.client(store);
      const cart = (await tab.json('POST', '/api/v1/cart/items', { sku, quantity: 1 })).body;
      const lineId = cart.lines[0].id;
      expect((await tab.json('PATCH', `/api/v1/cart/items/${lineId}`, { quantity: 9 })).status).toBe(409);
      expect((await tab.json('PATCH', `/api/v1/cart/items/${lineId}`, { quantity: -2 })).status).toBe(400);
      expect((await tab.json('PATCH', `/api/v1/cart/items/${lineId}`, { quantity: 0 })).body.itemCount).toBe(0);
      expect((await tab.json('PATCH', `/api/v1/cart/items/${randomUUID()}`, { quantity: 1 })).status).toBe(404);
    });

    it('shows the new price before paying when the price changed after adding, and charges it', async () => {
      const tab = harness.client(store);
      await tab.json('POST', '/api/v1/cart/items', { sku, quantity: 1 });
      await harness.products.update(store.ctx, productId, { price: { amount: 2499, currency: 'EUR' } });
      await harness.storefront.catalogCache.invalidate(store.tenantId);

      const cart = (await tab.get('/api/v1/cart')).body;
      expect(cart.lines[0]).toMatchObject({ unitPrice: 2499, priceWhenAdded: 1999, priceChanged: true });
      expect(cart.subtotal).toBe(2499);
      const placed = await tab.json('POST', '/api/v1/checkout', { paymentMethod: 'cod', shippingAddress: ADDRESS }, { 'idempotency-key': `k-${randomUUID()}` });
      expect(placed.status).toBe(201);
      expect(placed.body.total.amount).toBe(2499);
    });

    it('marks a line unavailable when its variant is deleted, and refuses to check it out', async () => {
      const other = await harness.createProduct(store, { title: 'Short-lived', slug: `gone-${randomUUID().slice(0, 6)}`, options: [], variants: [{ sku: `GONE-${randomUUID().slice(0, 6)}`, options: {}, stock: 5 }] });
      const tab = harness.client(store);
      await tab.json('POST', '/api/v1/cart/items', { sku: other.variants[0]!.sku, quantity: 1 });
      await harness.products.remove(store.ctx, other.id);

      const cart = (await tab.get('/api/v1/cart')).body;
      expect(cart.lines[0]).toMatchObject({ available: false, unitPrice: null });
      const attempt = await tab.json('POST', '/api/v1/checkout', { paymentMethod: 'cod', shippingAddress: ADDRESS }, { 'idempotency-key': `k-${randomUUID()}` });
      expect(attempt.status).toBe(409);
    });
  });

  it("merges an anonymous cart into the customer's cart at sign-in", async () => {
    const store = await harness.createStore();
    const product = await harness.createProduct(store);
    const [first, second] = [product.variants[0]!.sku, product.variants[1]!.sku];
    const email = `merge-${randomUUID().slice(0, 8)}@example.com`;

    const laptop = harness.client(store);
    await laptop.json('POST', '/api/v1/customers', { email, password: 'long enough secret' });
    await laptop.json('POST', '/api/v1/cart/items', { sku: first, quantity: 1 });

    const phone = harness.client(store);
    await phone.json('POST', '/api/v1/cart/items', { sku: first, quantity: 2 });
    await phone.json('POST', '/api/v1/cart/items', { sku: second, quantity: 1 });
    await phone.json('POST', '/api/v1/customers/login', { email, password: 'long enough secret' });

    const merged = (await phone.get('/api/v1/cart')).body;
    expect(merged.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]).sort()).toEqual([[first, 3], [second, 1]].sort());
    expect((await laptop.get('/api/v1/cart')).body.itemCount).toBe(4);
  });

  it('refuses a form post without the CSRF token and a JSON write sent as text', async () => {
    const store = await harness.createStore();
    const tab = harness.client(store);
    await tab.get('/');
    expect((await tab.form('/cart/items', { sku: 'X', quantity: '1' })).status).toBe(403);
    expect((await tab.send('POST', '/api/v1/cart/items', '{"sku":"X","quantity":1}', { 'content-type': 'text/plain' })).status).toBe(415);
  });
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('storefront rate limits', () => {
  let harness: StorefrontHarness;

  beforeAll(async () => {
    // The tests connect from 127.0.0.1, which plays the ingress controller here.
    harness = await StorefrontHarness.start({ PLATFORM_RATE_LIMIT_PER_CLIENT: '3', PLATFORM_TRUSTED_PROXIES: '127.0.0.1,::1' });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('answers 429 with Retry-After once a client exceeds its writes per minute, per store', async () => {
    const [a, b] = [await harness.createStore(), await harness.createStore()];
    const tabA = harness.client(a);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await tabA.json('POST', '/api/v1/cart/items', { sku: 'NONE', quantity: 1 })).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    const limited = await tabA.json('POST', '/api/v1/cart/items', { sku: 'NONE', quantity: 1 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await tabA.get('/api/v1/products')).status).toBe(200);
    expect((await harness.client(b).json('POST', '/api/v1/cart/items', { sku: 'NONE', quantity: 1 })).status).toBe(404);
  });

  it('counts writes per shopper behind the trusted proxy, by the address it forwards', async () => {
    const store = await harness.createStore();
    const write = (forwardedFor: string) =>
      harness.client(store).json('POST', '/api/v1/cart/items', { sku: 'NONE', quantity: 1 }, { 'x-forwarded-for': forwardedFor });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await write('198.51.100.4')).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    expect((await write('198.51.100.5')).status).toBe(404);
  });
});
