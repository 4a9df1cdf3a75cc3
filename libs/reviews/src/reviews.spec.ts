import type { TenantContext } from '@storefront/contracts';
import { createTestCheckout, orderInput, seedVariant } from '@storefront/orders/testing';
import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { randomUUID } from 'node:crypto';
import { NotAVerifiedBuyerError, ReviewAlreadyExistsError, ReviewNotFoundError, ReviewRateLimitedError, ReviewValidationError } from './review-errors';
import { ProductReviewsQuery } from './product-reviews.query';
import { RedisReviewRateLimiter } from './review-rate-limiter';
import { ReviewModerationService } from './review-moderation.service';
import { ShopperReviewService } from './shopper-reviews.service';

describe('product reviews', () => {
  const env = useTestTenancy();
  let checkout: ReturnType<typeof createTestCheckout>;
  let shoppers: ShopperReviewService;
  let moderation: ReviewModerationService;
  let listing: ProductReviewsQuery;

  beforeAll(() => {
    checkout = createTestCheckout(env.tenancy, env.redis);
    shoppers = new ShopperReviewService(env.tenancy.unitOfWork);
    moderation = new ReviewModerationService(env.tenancy.unitOfWork);
    listing = new ProductReviewsQuery(env.tenancy.unitOfWork);
  });

  async function customer(ctx: TenantContext): Promise<string> {
    const [row] = await env.tenancy.unitOfWork.run(ctx, (tx) =>
      tx.query<{ id: string }[]>("INSERT INTO customers (email, password_hash) VALUES ($1, 'x') RETURNING id", [`s-${randomUUID().slice(0, 8)}@example.com`]),
    );
    return row!.id;
  }

  async function product(ctx: TenantContext): Promise<{ id: string; sku: string }> {
    const sku = await seedVariant(env.tenancy, ctx, { stock: 50 });
    const [row] = await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query<{ product_id: string }[]>('SELECT product_id FROM variants WHERE sku = $1', [sku]));
    return { id: row!.product_id, sku };
  }

  async function buy(ctx: TenantContext, customerId: string, sku: string): Promise<string> {
    const placed = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { customerId }));
    expect(placed.statusCode).toBe(201);
    return (placed.body as { orderId: string }).orderId;
  }

  const review = { rating: 4, title: 'Good hat', body: 'Keeps the rain off.' };

  it('refuses a shopper without an order for the product, and one whose only order was cancelled', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const hat = await product(ctx);
    const other = await product(ctx);
    const shopper = await customer(ctx);
    await expect(shoppers.submit(ctx, shopper, hat.id, review)).rejects.toBeInstanceOf(NotAVerifiedBuyerError);
    await buy(ctx, shopper, other.sku);
    await expect(shoppers.submit(ctx, shopper, hat.id, review)).rejects.toBeInstanceOf(NotAVerifiedBuyerError);
    await checkout.lifecycle.cancel(ctx, await buy(ctx, shopper, hat.sku));
    await expect(shoppers.submit(ctx, shopper, hat.id, review)).rejects.toBeInstanceOf(NotAVerifiedBuyerError);
  });

  it('takes one review per buyer, pending until approved; only approved reviews count and show', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const hat = await product(ctx);
    const [ada, bob] = [await customer(ctx), await customer(ctx)];
    const orderId = await buy(ctx, ada, hat.sku);
    await buy(ctx, bob, hat.sku);

    const written = await shoppers.submit(ctx, ada, hat.id, { ...review, rating: 5 });
    expect(written).toMatchObject({ status: 'pending', rating: 5, authorName: 'Verified buyer' });
    await expect(shoppers.submit(ctx, ada, hat.id, review)).rejects.toBeInstanceOf(ReviewAlreadyExistsError);
    expect((await moderation.get(ctx, written.id)).orderId).toBe(orderId);
    expect(await listing.page(ctx, hat.id)).toMatchObject({ summary: { average: null, count: 0 }, items: [] });

    await moderation.approve(ctx, written.id);
    const second = await shoppers.submit(ctx, bob, hat.id, { ...review, rating: 2, authorName: 'Bob' });
    await moderation.approve(ctx, second.id);
    const page = await listing.page(ctx, hat.id, { sort: 'lowest' });
    expect(page.summary).toEqual({ average: 3.5, count: 2, histogram: [0, 1, 0, 0, 1] });
    expect(page.items.map((item) => item.authorName)).toEqual(['Bob', 'Verified buyer']);
    expect((await listing.page(ctx, hat.id, { sort: 'highest' })).items[0]!.rating).toBe(5);

    await moderation.hide(ctx, second.id);
    const afterHide = await listing.page(ctx, hat.id);
    expect(afterHide.summary).toEqual({ average: 5, count: 1, histogram: [0, 0, 0, 0, 1] });
    expect(afterHide.items.map((item) => item.id)).toEqual([written.id]);
    expect((await moderation.list(ctx, { status: 'hidden' })).items.map((item) => item.id)).toEqual([second.id]);
  });

  it('lets the author edit (back to moderation) and delete their review, and nobody else', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const hat = await product(ctx);
    const [ada, eve] = [await customer(ctx), await customer(ctx)];
    await buy(ctx, ada, hat.sku);
    const written = await shoppers.submit(ctx, ada, hat.id, review);
    await moderation.approve(ctx, written.id);

    await expect(shoppers.update(ctx, eve, written.id, { rating: 1 })).rejects.toBeInstanceOf(ReviewNotFoundError);
    await expect(shoppers.remove(ctx, eve, written.id)).rejects.toBeInstanceOf(ReviewNotFoundError);
    const edited = await shoppers.update(ctx, ada, written.id, { rating: 1, title: 'Leaks after a week' });
    expect(edited).toMatchObject({ status: 'pending', rating: 1, title: 'Leaks after a week', body: review.body });
    expect((await listing.page(ctx, hat.id)).summary.count).toBe(0);
    await moderation.approve(ctx, written.id);
    expect((await listing.page(ctx, hat.id)).summary).toMatchObject({ average: 1, count: 1 });

    await shoppers.remove(ctx, ada, written.id);
    expect((await listing.page(ctx, hat.id)).summary).toMatchObject({ average: null, count: 0 });
    expect(await shoppers.mine(ctx, ada, hat.id)).toBeNull();
  });

  it('approves by itself when the store says so, and replies publicly', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query('UPDATE store_settings SET reviews_auto_approve = true WHERE id = 1'));
    const hat = await product(ctx);
    const ada = await customer(ctx);
    await buy(ctx, ada, hat.sku);
    const written = await shoppers.submit(ctx, ada, hat.id, review);
    expect(written.status).toBe('approved');
    await moderation.reply(ctx, written.id, 'Thank you!');
    expect((await listing.page(ctx, hat.id)).items[0]!.reply).toMatchObject({ text: 'Thank you!' });
  });

  it("answers 'not found' for another store's review and product ids", async () => {
    const a = (await provisionTestTenant(env.tenancy)).ctx;
    const b = (await provisionTestTenant(env.tenancy)).ctx;
    const hat = await product(a);
    const ada = await customer(a);
    await buy(a, ada, hat.sku);
    const written = await shoppers.submit(a, ada, hat.id, review);
    const mallory = await customer(b);
    await expect(moderation.get(b, written.id)).rejects.toBeInstanceOf(ReviewNotFoundError);
    await expect(moderation.approve(b, written.id)).rejects.toBeInstanceOf(ReviewNotFoundError);
    await expect(shoppers.update(b, mallory, written.id, { rating: 1 })).rejects.toBeInstanceOf(ReviewNotFoundError);
    await expect(shoppers.submit(b, mallory, hat.id, review)).rejects.toBeInstanceOf(ReviewNotFoundError);
    await expect(moderation.get(a, 'not-a-uuid')).rejects.toBeInstanceOf(ReviewNotFoundError);
    expect((await listing.page(b, hat.id)).items).toEqual([]);
  });

  it('refuses ratings outside 1-5, empty titles and overlong text', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const hat = await product(ctx);
    const ada = await customer(ctx);
    await buy(ctx, ada, hat.sku);
    for (const bad of [{ ...review, rating: 6 }, { ...review, rating: 0 }, { ...review, title: '  ' }, { ...review, body: 'x'.repeat(5001) }]) {
      await expect(shoppers.submit(ctx, ada, hat.id, bad)).rejects.toBeInstanceOf(ReviewValidationError);
    }
  });

  it('limits review writes per shopper and per store', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const limited = new ShopperReviewService(env.tenancy.unitOfWork, new RedisReviewRateLimiter(env.redis, { perShopper: 2, perStore: 3 }));
    const ada = await customer(ctx);
    const bob = await customer(ctx);
    const hats = [await product(ctx), await product(ctx), await product(ctx)];
    for (const hat of hats) await buy(ctx, ada, hat.sku);
    await buy(ctx, bob, hats[0]!.sku);
    await limited.submit(ctx, ada, hats[0]!.id, review);
    await limited.submit(ctx, ada, hats[1]!.id, review);
    await expect(limited.submit(ctx, ada, hats[2]!.id, review)).rejects.toBeInstanceOf(ReviewRateLimitedError);
    // The store's window is shared: Bob's first write is the store's fourth.
    await expect(limited.submit(ctx, bob, hats[0]!.id, review)).rejects.toBeInstanceOf(ReviewRateLimitedError);
  });
});
