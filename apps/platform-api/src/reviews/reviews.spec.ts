import type { TenantContext } from '@storefront/contracts';
import { TenantEntity } from '@storefront/database';
import { ShopperReviewService } from '@storefront/reviews';
import { tenantContextFor, TenantUnitOfWork } from '@storefront/tenancy';
import { PlatformApiHarness, tShirtProduct, type SignedUpMerchant } from '../../test/platform-api-harness';

describe('review moderation API', () => {
  let harness: PlatformApiHarness;
  let uow: TenantUnitOfWork;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start();
    uow = new TenantUnitOfWork(harness.clusters);
  });

  afterAll(async () => {
    await harness.close();
  });

  /** A buyer's pending review of a new product of the merchant's store (an order written as checkout writes it). */
  async function pendingReview(merchant: SignedUpMerchant, title = 'Lovely shirt'): Promise<{ id: string; ctx: TenantContext; productId: string }> {
    const tenant = await harness.clusters.primary.getRepository(TenantEntity).findOneByOrFail({ id: merchant.tenantId });
    const ctx = tenantContextFor(tenant, 'test');
    const product = await harness.request('POST', '/api/v1/products', { token: merchant.token, body: tShirtProduct() });
    const variant = product.body.variants[0];
    const customerId = await uow.run(ctx, async (tx) => {
      const [customer] = await tx.query<{ id: string }[]>("INSERT INTO customers (email, password_hash) VALUES ($1, 'x') RETURNING id", [`b-${variant.id.slice(0, 8)}@example.com`]);
      const [order] = await tx.query<{ id: string }[]>(
        `INSERT INTO orders (status, customer_id, currency, subtotal_amount, total_amount, shipping_address, payment_method)
         VALUES ('fulfilled', $1, 'EUR', 1000, 1000, '{}', 'cod') RETURNING id`,
        [customer!.id],
      );
      await tx.query(
        'INSERT INTO order_lines (order_id, line_no, variant_id, sku, title, quantity, unit_amount, line_amount) VALUES ($1, 1, $2, $3, $4, 1, 1000, 1000)',
        [order!.id, variant.id, variant.sku, 'T-shirt'],
      );
      return customer!.id;
    });
    const review = await new ShopperReviewService(uow).submit(ctx, customerId, product.body.id, { rating: 4, title, body: '<b>not bold</b>' });
    return { id: review.id, ctx, productId: product.body.id };
  }

  it('queues pending reviews, approves, hides and replies publicly', async () => {
    const merchant = await harness.signupMerchant();
    const review = await pendingReview(merchant);
    const queue = await harness.request('GET', '/api/v1/reviews?status=pending', { token: merchant.token });
    expect(queue.status).toBe(200);
    expect(queue.body).toMatchObject({ total: 1, pending: 1, items: [{ id: review.id, status: 'pending', body: '<b>not bold</b>', productId: review.productId }] });

    const approved = await harness.request('POST', `/api/v1/reviews/${review.id}/approve`, { token: merchant.token });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const replied = await harness.request('PUT', `/api/v1/reviews/${review.id}/reply`, { token: merchant.token, body: { text: 'Thanks!' } });
    expect(replied.body.reply).toMatchObject({ text: 'Thanks!' });
    expect((await harness.request('POST', `/api/v1/reviews/${review.id}/hide`, { token: merchant.token })).body.status).toBe('hidden');
    expect((await harness.request('GET', '/api/v1/reviews', { token: merchant.token })).body).toMatchObject({ total: 1, pending: 0 });
    expect((await harness.request('GET', '/api/v1/reviews?status=maybe', { token: merchant.token })).status).toBe(400);
    expect((await harness.request('PUT', `/api/v1/reviews/${review.id}/reply`, { token: merchant.token, body: { text: '' } })).status).toBe(400);

    const settings = await harness.request('PATCH', '/api/v1/store/settings', { token: merchant.token, body: { reviewsAutoApprove: true, reviewRequestDelayDays: 3 } });
    expect(settings.body).toMatchObject({ reviewsAutoApprove: true, reviewRequestDelayDays: 3 });
  });

  it("answers 404 for another store's review ids", async () => {
    const [a, b] = await Promise.all([harness.signupMerchant(), harness.signupMerchant()]);
    const ofB = await pendingReview(b);
    for (const [method, path] of [
      ['GET', `/api/v1/reviews/${ofB.id}`],
      ['POST', `/api/v1/reviews/${ofB.id}/approve`],
      ['POST', `/api/v1/reviews/${ofB.id}/hide`],
      ['DELETE', `/api/v1/reviews/${ofB.id}/reply`],
      ['GET', '/api/v1/reviews/not-a-uuid'],
    ] as const) {
      expect({ method, path, status: (await harness.request(method, path, { token: a.token })).status }).toEqual({ method, path, status: 404 });
    }
    expect((await harness.request('PUT', `/api/v1/reviews/${ofB.id}/reply`, { token: a.token, body: { text: 'pwned' } })).status).toBe(404);
    expect((await harness.request('GET', '/api/v1/reviews', { token: a.token })).body.total).toBe(0);
    expect((await harness.request('GET', `/api/v1/reviews/${ofB.id}`, { token: b.token })).body).toMatchObject({ status: 'pending', reply: null });
  });
});
