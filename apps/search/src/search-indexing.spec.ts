import type { SearchResult } from '@storefront/contracts';
import { FIXTURE_CATALOG } from '../test/fixtures/catalog.fixture';
import { idsOf, SearchHarness } from '../test/search-harness';
import { createTestCheckout, orderInput } from '@storefront/orders/testing';
import { recordLocaleChangesInOutbox, StoreSettingsService } from '@storefront/store-settings';

/** How long a catalog change may take to become searchable (relay poll + queue + index + cache). */
const INDEX_BOUND_MS = 3_000;

describe('search index kept current from catalog events, per tenant', () => {
  let harness: SearchHarness;

  beforeAll(async () => {
    harness = await SearchHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('makes an edit, a stock change and a deletion searchable within a bounded time after the event', async () => {
    const store = await harness.createFixtureStore();
    const linen = store.products.get('linen')!;
    expect(idsOf((await harness.search(store.ctx.tenantId, 'q=linen')).body)).toEqual([linen.id]);
    // Cached now; the change must get past the cache as well.
    expect((await harness.search(store.ctx.tenantId, 'q=kaftan')).body.total).toBe(0);

    await harness.products.update(store.ctx, linen.id, { title: 'Linen Kaftan' });
    const renamed = await harness.until(store.ctx, 'q=kaftan', (answer) => answer.body.total === 1, INDEX_BOUND_MS);
    expect(renamed.body.items[0]).toMatchObject({ id: linen.id, title: 'Linen Kaftan' });
    expect((await harness.search(store.ctx.tenantId, 'q=linen')).body.items.map((item: { title: string }) => item.title)).toEqual(['Linen Kaftan']);

    // The last variant of the linen shirt sells out: it leaves the in-stock filter.
    const inStock = (result: SearchResult) => idsOf(result).includes(linen.id);
    expect(inStock((await harness.search(store.ctx.tenantId, 'inStock=true&pageSize=100')).body)).toBe(true);
    for (const variant of linen.variants) await harness.stock.adjust(store.ctx, variant.id, { delta: -variant.stock, reason: 'sold elsewhere' }, 'test');
    await harness.until(store.ctx, 'inStock=true&pageSize=100', (answer) => !inStock(answer.body), INDEX_BOUND_MS);

    await harness.products.remove(store.ctx, linen.id);
    await harness.until(store.ctx, '', (answer) => answer.body.total === FIXTURE_CATALOG.length - 1, INDEX_BOUND_MS);
    expect((await harness.search(store.ctx.tenantId, 'q=kaftan')).body.total).toBe(0);

    // The whole-catalog facets are running counts kept by the indexer; after the edits they still
    // equal the facets counted over the documents (a filter that keeps everything forces that).
    const facets = async (query: string) => ((await harness.search(store.ctx.tenantId, query)).body as SearchResult).facets;
    expect(await facets('')).toEqual(await facets('priceMin=0'));
  });

  it('follows a cancelled order giving its stock back, and a category renamed or removed', async () => {
    const store = await harness.createFixtureStore();
    const scarf = await harness.products.create(store.ctx, {
      title: 'Last Cashmere Scarf',
      price: { amount: 4_000, currency: 'EUR' },
      options: [],
      variants: [{ sku: `SCARF-${store.ctx.tenantId.slice(0, 8)}`, options: {}, stock: 1 }],
    });
    const inStock = (answer: { body: SearchResult }) => idsOf(answer.body).includes(scarf.id);
    await harness.until(store.ctx, 'q=cashmere&inStock=true', inStock, INDEX_BOUND_MS);

    // The real checkout takes the last one, then the merchant cancels the order.
    const checkout = createTestCheckout(harness.tenancy, harness.redis);
    const placed = await checkout.placeOrder.placeOrder(store.ctx, orderInput([{ sku: scarf.variants[0]!.sku, quantity: 1 }]));
    expect(placed.statusCode).toBe(201);
    await harness.until(store.ctx, 'q=cashmere&inStock=true', (answer) => !inStock(answer), INDEX_BOUND_MS);
    await checkout.lifecycle.cancel(store.ctx, (placed.body as { orderId: string }).orderId);
    await harness.until(store.ctx, 'q=cashmere&inStock=true', inStock, INDEX_BOUND_MS);

    // Category names are searchable words of their products' documents.
    const shoes = (await harness.categories.list(store.ctx)).find((category) => category.slug === 'shoes')!;
    const shoeIds = [...store.products.values()].filter((product) => product.categoryIds.includes(shoes.id)).map((product) => product.id).sort();
    expect(shoeIds.length).toBeGreaterThan(0);
    await harness.categories.update(store.ctx, shoes.id, { name: 'Footwear' });
    const renamed = await harness.until(store.ctx, 'q=footwear&pageSize=100', (answer) => answer.body.total === shoeIds.length, INDEX_BOUND_MS);
    expect(idsOf(renamed.body).sort()).toEqual(shoeIds);
    expect(renamed.body.facets.categories).toEqual([{ value: 'shoes', name: 'Footwear', count: shoeIds.length }]);

    await harness.categories.remove(store.ctx, shoes.id);
    await harness.until(store.ctx, 'q=footwear', (answer) => answer.body.total === 0, INDEX_BOUND_MS);
    const facets = async (query: string) => ((await harness.search(store.ctx.tenantId, query)).body as SearchResult).facets;
    expect((await facets('')).categories.map((category) => category.value)).not.toContain('shoes');
    expect(await facets('')).toEqual(await facets('priceMin=0'));
  });

  it('keeps the whole-catalog facet counts in step with documents written by any code (an older release during an upgrade)', async () => {
    const store = await harness.createFixtureStore();
    const linen = store.products.get('linen')!;
    // Written as a previous release's indexer would: plain statements, no count bookkeeping.
    await harness.tenancy.unitOfWork.run(store.ctx, async (tx) => {
      await tx.query(`UPDATE search_documents SET option_values = array_append(option_values, 'Colour' || chr(31) || 'Teal') WHERE product_id = $1`, [linen.id]);
      await tx.query('DELETE FROM search_documents WHERE product_id = $1', [store.products.get('red-dress')!.id]);
    });
    // Fresh cache keys (page size), so both answers come from the database.
    const facets = async (query: string) => ((await harness.search(store.ctx.tenantId, query)).body as SearchResult).facets;
    const fromCounts = await facets('pageSize=23');
    expect(fromCounts.options.Colour).toContainEqual({ value: 'Teal', count: 1 });
    expect(fromCounts).toEqual(await facets('priceMin=0&pageSize=23'));
  });

  it("rebuilds the tenant's index in the new language when the store's locale changes", async () => {
    const store = await harness.createFixtureStore('ja');
    // No stemmer for Japanese: "shoe" is not "Shoes" (the trailing space ends the word: no prefix match).
    expect((await harness.search(store.ctx.tenantId, 'q=shoe%20')).body.total).toBe(0);
    await new StoreSettingsService(harness.tenancy.unitOfWork, recordLocaleChangesInOutbox).update(store.ctx, { locale: 'en' });
    const stemmed = await harness.until(store.ctx, 'q=shoe%20', (answer) => answer.body.total === 1, 15_000);
    expect(stemmed.body.items[0].id).toBe(store.products.get('running-shoes')!.id);
  });

  it("never answers tenant A's query with tenant B's products, through the cache either", async () => {
    const a = await harness.createFixtureStore('en', 0);
    const b = await harness.createFixtureStore('en', 0);
    const idsOfStore = (store: typeof a) => new Set([...store.products.values()].map((p) => p.id));
    for (const query of ['q=red%20shirt', 'q=shirt', '', 'q=tshirt&sort=price_asc']) {
      // Twice each: the second answer comes from the cache.
      for (let round = 0; round < 2; round++) {
        const fromA = idsOf((await harness.search(a.ctx.tenantId, query)).body);
        const fromB = idsOf((await harness.search(b.ctx.tenantId, query)).body);
        expect(fromA.length).toBeGreaterThan(0);
        expect(fromA.every((id) => idsOfStore(a).has(id))).toBe(true);
        expect(fromB.every((id) => idsOfStore(b).has(id))).toBe(true);
        expect(fromB).toHaveLength(fromA.length);
      }
    }
    // A change in B shows in B only.
    await harness.products.update(b.ctx, b.products.get('belt')!.id, { title: 'Leather Belt Deluxe' });
    await harness.until(b.ctx, 'q=deluxe', (answer) => answer.body.total === 1, INDEX_BOUND_MS);
    expect((await harness.search(a.ctx.tenantId, 'q=deluxe')).body.total).toBe(0);
  });

  it('serves only tenants of its own shard (421 naming the right one) and only with a valid service token', async () => {
    const store = await harness.createStore('en', 1);
    const misrouted = await harness.call(store.tenantId, 'GET', '/api/v1/search?q=shirt', 0);
    expect(misrouted).toMatchObject({
      status: 421,
      body: { message: 'this store is served by search shard 1, not 0', details: [{ field: 'shard', message: '1' }, { field: 'shardUrl', message: 'http://search-1.search:8080' }] },
    });
    expect((await harness.call(store.tenantId, 'GET', '/api/v1/search', 1, 'Bearer not-a-token')).status).toBe(401);
    const checkoutToken = await harness.tokens.sign('checkout', { kind: 'merchant', tenantId: store.tenantId, actor: 'search-test' });
    expect((await harness.call(store.tenantId, 'GET', '/api/v1/search', 1, `Bearer ${checkoutToken}`)).status).toBe(401);
  });

  it('rebuilds a tenant index as a job that reports progress', async () => {
    const ctx = await harness.createStore();
    // Written without events, as a catalog that predates search.
    for (let i = 0; i < 30; i++) {
      await harness.silentProducts.create(ctx, { title: `Quiet Sock ${i}`, price: { amount: 500 + i, currency: 'EUR' }, options: [], variants: [{ sku: `SOCK-${ctx.tenantId.slice(0, 8)}-${i}`, options: {}, stock: 1 }] });
    }
    expect((await harness.search(ctx.tenantId, 'q=sock')).body.total).toBe(0);

    const started = await harness.call(ctx.tenantId, 'POST', '/api/v1/search/reindex');
    expect(started).toMatchObject({ status: 202, body: { state: 'waiting' } });
    const deadline = Date.now() + 15_000;
    let status = started;
    while (status.body.state !== 'completed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await harness.call(ctx.tenantId, 'GET', `/api/v1/search/reindex/${started.body.jobId}`);
    }
    expect(status).toMatchObject({ status: 200, body: { state: 'completed', progress: { indexed: 30, total: 30 } } });
    expect((await harness.search(ctx.tenantId, 'q=sock&pageSize=50')).body.total).toBe(30);
    expect((await harness.search(ctx.tenantId, 'q=qiuet%20sock&pageSize=50')).body.total).toBe(30);

    // Another tenant cannot read the job.
    const other = await harness.createStore('en', (await harness.tenancy.shards.shardOf(ctx.tenantId, 'search'))!);
    expect((await harness.call(other.tenantId, 'GET', `/api/v1/search/reindex/${started.body.jobId}`)).status).toBe(404);
  });
});
