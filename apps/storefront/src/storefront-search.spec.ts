import { StorefrontHarness } from '../test/storefront-harness';

describe('storefront search through the search shards', () => {
  let harness: StorefrontHarness;

  beforeAll(async () => {
    harness = await StorefrontHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('finds products by a misspelt query on the JSON API and the search page, and offers a nearby query when nothing matched', async () => {
    const store = await harness.createStore('Tee Shop');
    const tee = await harness.createProduct(store);
    const belt = await harness.createProduct(store, { title: 'Leather Belt', options: [], variants: [{ sku: `BELT-${store.slug}`, options: {}, stock: 2 }] });
    await harness.untilSearchable(store, tee);
    await harness.untilSearchable(store, belt);
    const tab = harness.client(store);

    const found = await tab.get('/api/v1/products?q=t-shrit');
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ total: 1, items: [{ id: tee.id, slug: tee.slug, title: 'Classic T-shirt', price: { amount: 1999, currency: 'EUR' } }] });
    expect(found.body.facets.options.Colour).toEqual([
      { value: 'Blue', count: 1 },
      { value: 'Red', count: 1 },
    ]);

    const nothing = await tab.get('/api/v1/products?q=bekt');
    expect(nothing.body).toMatchObject({ total: 0, items: [], suggestions: ['belt'] });
    const page = await tab.get('/search?q=bekt');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Did you mean <a href="/search?q=belt">belt</a>?');
    expect((await tab.get('/search?q=tshirt')).text).toContain(`href="/products/${tee.slug}"`);
  });

  it('shows a rename in search results once the catalog event is indexed, past the storefront cache', async () => {
    const store = await harness.createStore();
    const tee = await harness.createProduct(store);
    await harness.untilSearchable(store, tee);
    const tab = harness.client(store);
    expect((await tab.get('/api/v1/products?q=hoodie')).body.total).toBe(0);

    const renamed = await harness.products.update(store.ctx, tee.id, { title: 'Cosy Hoodie' });
    await harness.untilSearchable(store, renamed);
    const deadline = Date.now() + 3_000;
    let answer = await tab.get('/api/v1/products?q=hoodie');
    while (answer.body.total === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      answer = await tab.get('/api/v1/products?q=hoodie');
    }
    expect(answer.body).toMatchObject({ total: 1, items: [{ id: tee.id, title: 'Cosy Hoodie' }] });
  });

  it('refuses an over-long query or page with 400, and answers the search page for any text', async () => {
    const store = await harness.createStore();
    const tab = harness.client(store);
    expect((await tab.get(`/api/v1/products?q=${'a'.repeat(201)}`)).status).toBe(400);
    expect((await tab.get('/api/v1/products?q=shirt&page=1001')).status).toBe(400);
    for (const q of ["' OR 1=1 --", '&|!:*()', '%00', 'a'.repeat(5_000)]) {
      expect((await tab.get(`/search?q=${encodeURIComponent(q)}`)).status).toBe(200);
    }
  });
});
