import type { SearchResult } from '@storefront/contracts';
import { createTestCheckout, orderInput } from '@storefront/orders/testing';
import { ReviewModerationService, ShopperReviewService } from '@storefront/reviews';
import { randomUUID } from 'node:crypto';
import { idsOf, SearchHarness } from '../test/search-harness';

describe('search by rating (approved reviews only)', () => {
  let harness: SearchHarness;

  beforeAll(async () => {
    harness = await SearchHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('sorts and filters by the average of approved reviews, and forgets a hidden one', async () => {
    const store = await harness.createFixtureStore();
    const [linen, scarf] = [store.products.get('linen')!, store.products.get('beanie')!];
    const { unitOfWork } = harness.tenancy;
    const [row] = await unitOfWork.run(store.ctx, (tx) =>
      tx.query<{ id: string }[]>("INSERT INTO customers (email, password_hash) VALUES ($1, 'x') RETURNING id", [`r-${randomUUID().slice(0, 8)}@example.com`]),
    );
    const customerId = row!.id;
    const checkout = createTestCheckout(harness.tenancy, harness.redis);
    const lines = [linen, scarf].map((product) => ({ sku: product.variants[0]!.sku, quantity: 1 }));
    expect((await checkout.placeOrder.placeOrder(store.ctx, orderInput(lines, { customerId }))).statusCode).toBe(201);

    const shoppers = new ShopperReviewService(unitOfWork);
    const moderation = new ReviewModerationService(unitOfWork);
    const onLinen = await shoppers.submit(store.ctx, customerId, linen.id, { rating: 5, title: 'Lovely', body: '' });
    const onScarf = await shoppers.submit(store.ctx, customerId, scarf.id, { rating: 2, title: 'Itchy', body: '' });
    // Pending reviews count for nothing.
    expect((await harness.search(store.ctx.tenantId, 'minRating=1')).body.total).toBe(0);

    await moderation.approve(store.ctx, onLinen.id);
    await moderation.approve(store.ctx, onScarf.id);
    const sorted = await harness.until(store.ctx, 'sort=rating&pageSize=100', (answer) => answer.body.items?.[1]?.id === scarf.id);
    expect(idsOf(sorted.body as SearchResult).slice(0, 2)).toEqual([linen.id, scarf.id]);
    expect(sorted.body.items[0].rating).toEqual({ average: 5, count: 1 });
    expect(idsOf((await harness.search(store.ctx.tenantId, 'minRating=4')).body)).toEqual([linen.id]);

    await moderation.hide(store.ctx, onLinen.id);
    await harness.until(store.ctx, 'minRating=4', (answer) => answer.body.total === 0);
    const after = await harness.search(store.ctx.tenantId, 'q=linen');
    expect(after.body.items.find((item: { id: string }) => item.id === linen.id).rating).toEqual({ average: null, count: 0 });
    expect((await harness.search(store.ctx.tenantId, 'minRating=6')).status).toBe(400);
  });
});
