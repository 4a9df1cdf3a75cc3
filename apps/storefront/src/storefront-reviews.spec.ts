import { ReviewModerationService } from '@storefront/reviews';
import type { HostClient } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
import { StorefrontHarness, type TestStore } from '../test/storefront-harness';

const ADDRESS = { name: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 1AA', country: 'GB' };
const SCRIPT_TITLE = '<script>alert("title")</script>';
const HTML_BODY = '<img src=x onerror="alert(1)"> & </script><b>bold</b>';

interface StructuredData {
  aggregateRating?: { ratingValue: number; reviewCount: number };
  review?: { name: string; reviewBody: string }[];
}

function structuredDataOf(page: string): StructuredData {
  const match = /<script type="application\/ld\+json" data-testid="structured-data">(.*?)<\/script>/s.exec(page);
  if (!match) throw new Error('no structured data on the page');
  return JSON.parse(match[1]!) as StructuredData;
}

describe('product reviews on the storefront', () => {
  let harness: StorefrontHarness;
  let moderation: ReviewModerationService;

  beforeAll(async () => {
    harness = await StorefrontHarness.start();
    moderation = new ReviewModerationService(harness.tenancy.unitOfWork);
  });

  afterAll(async () => {
    await harness.close();
  });

  async function signedInShopper(store: TestStore): Promise<HostClient> {
    const tab = harness.client(store);
    const email = `shopper-${randomUUID().slice(0, 8)}@example.com`;
    expect((await tab.json('POST', '/api/v1/customers', { email, password: 'long enough secret' })).status).toBe(201);
    return tab;
  }

  async function buy(tab: HostClient, sku: string): Promise<void> {
    expect((await tab.json('POST', '/api/v1/cart/items', { sku, quantity: 1 })).status).toBe(201);
    const placed = await tab.json('POST', '/api/v1/checkout', { paymentMethod: 'cod', shippingAddress: ADDRESS }, { 'idempotency-key': `key-${randomUUID()}` });
    expect(placed.status).toBe(201);
  }

  it('refuses a shopper who did not buy the product; a buyer review waits for approval, then shows with its average on the page and in JSON-LD', async () => {
    const store = await harness.createStore('Review Shop');
    const product = await harness.createProduct(store);
    const path = `/api/v1/products/${product.slug}/reviews`;

    expect((await harness.client(store).json('POST', path, { rating: 4, title: 'Nice' })).status).toBe(401);
    const ada = await signedInShopper(store);
    const refused = await ada.json('POST', path, { rating: 4, title: 'Nice' });
    expect(refused.status).toBe(403);
    // "Verified purchase" is never taken from input.
    expect((await ada.json('POST', path, { rating: 4, title: 'Nice', verifiedPurchase: true, orderId: randomUUID() })).status).toBe(400);

    await buy(ada, product.variants[0]!.sku);
    const written = await ada.json('POST', path, { rating: 4, title: SCRIPT_TITLE, body: HTML_BODY });
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ status: 'pending', rating: 4 });
    expect((await ada.json('POST', path, { rating: 5, title: 'Again' })).status).toBe(409);

    const pendingPage = await harness.client(store).get(`/products/${product.slug}`);
    expect(pendingPage.text).toContain('No reviews yet.');
    expect(structuredDataOf(pendingPage.text).aggregateRating).toBeUndefined();
    expect((await ada.get(`/products/${product.slug}`)).text).toContain('waiting for the store to approve it');

    await moderation.approve(store.ctx, written.body.id);
    const page = await harness.client(store).get(`/products/${product.slug}`);
    expect(page.text).toContain('data-testid="rating-average">4.0</strong>');
    expect(page.text).toContain('1 review');
    // Shown as text, never as markup.
    expect(page.text).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(page.text).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).not.toContain('<script>alert');
    const data = structuredDataOf(page.text);
    expect(data.aggregateRating).toMatchObject({ ratingValue: 4, reviewCount: 1 });
    expect(data.review).toEqual([expect.objectContaining({ name: SCRIPT_TITLE, reviewBody: HTML_BODY })]);
    const listed = await harness.client(store).get(path);
    expect(listed.body).toMatchObject({ summary: { average: 4, count: 1, histogram: [0, 0, 0, 1, 0] }, items: [{ title: SCRIPT_TITLE, verifiedPurchase: true }] });

    await moderation.hide(store.ctx, written.body.id);
    const hidden = await harness.client(store).get(`/products/${product.slug}`);
    expect(hidden.text).toContain('No reviews yet.');
    expect(hidden.text).not.toContain('alert(');
    expect(structuredDataOf(hidden.text)).not.toHaveProperty('review');
    expect((await harness.client(store).get(path)).body).toMatchObject({ summary: { count: 0 }, items: [] });
  });

  it('lets a buyer write, edit and delete their review through the page forms', async () => {
    const store = await harness.createStore('Form Shop');
    const product = await harness.createProduct(store);
    const ada = await signedInShopper(store);
    await buy(ada, product.variants[1]!.sku);
    const csrf = ada.cookie('sf_csrf') ?? (await ada.get('/'), ada.cookie('sf_csrf')!);

    const posted = await ada.form(`/products/${product.slug}/reviews`, { _csrf: csrf, rating: '5', title: 'Great', body: 'Fits well.', authorName: 'Ada' });
    expect(posted.status).toBe(303);
    const mine = await ada.get(`/api/v1/products/${product.slug}/reviews/mine`);
    expect(mine.body).toMatchObject({ rating: 5, title: 'Great', authorName: 'Ada', status: 'pending' });
    expect((await ada.form(`/products/${product.slug}/reviews`, { _csrf: csrf, rating: '9', title: 'x' })).status).toBe(400);

    expect((await ada.form(`/products/${product.slug}/reviews`, { _csrf: csrf, rating: '3', title: 'Shrank' })).status).toBe(303);
    expect((await ada.get(`/api/v1/products/${product.slug}/reviews/mine`)).body).toMatchObject({ id: mine.body.id, rating: 3, title: 'Shrank' });
    expect((await ada.form(`/products/${product.slug}/reviews/delete`, { _csrf: csrf })).status).toBe(303);
    expect((await ada.get(`/api/v1/products/${product.slug}/reviews/mine`)).status).toBe(404);
  });

  it("answers 404 for another store's review ids, and shows no store another store's reviews", async () => {
    const a = await harness.createStore('Store A');
    const b = await harness.createStore('Store B');
    const productA = await harness.createProduct(a, { title: 'Shared slug', slug: 'same' });
    await harness.createProduct(b, { title: 'Shared slug', slug: 'same' });
    const ada = await signedInShopper(a);
    await buy(ada, productA.variants[0]!.sku);
    const written = await ada.json('POST', '/api/v1/products/same/reviews', { rating: 2, title: 'Meh' });
    await moderation.approve(a.ctx, written.body.id);

    const mallory = await signedInShopper(b);
    expect((await mallory.json('PATCH', `/api/v1/reviews/${written.body.id}`, { rating: 5 })).status).toBe(404);
    expect((await mallory.json('DELETE', `/api/v1/reviews/${written.body.id}`)).status).toBe(404);
    expect((await mallory.get('/api/v1/products/same/reviews')).body).toMatchObject({ summary: { count: 0 }, items: [] });
    // And the author's own id, from another shopper of the same store: 404 too.
    const eve = await signedInShopper(a);
    expect((await eve.json('PATCH', `/api/v1/reviews/${written.body.id}`, { rating: 5 })).status).toBe(404);
    expect((await ada.json('PATCH', `/api/v1/reviews/${written.body.id}`, { rating: 5 })).status).toBe(200);
  });
});
