import type { ReviewView, TenantContext } from '@storefront/contracts';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { NotAVerifiedBuyerError, ReviewAlreadyExistsError, ReviewNotFoundError } from './review-errors';
import { checkedReview, DEFAULT_AUTHOR_NAME, type ReviewChange, type ReviewInput } from './review-input';
import { isReviewId, recordRatingChange, REVIEW_COLUMNS, toReviewView, type ReviewRow } from './review-rows';

/** Checked before every write; throws ReviewRateLimitedError when over a limit. */
export interface ReviewWriteLimiter {
  take(ctx: TenantContext, customerId: string): Promise<void>;
}

const unlimited: ReviewWriteLimiter = { take: async () => undefined };

/**
 * A signed-in shopper's own reviews. The shopper id comes from the session, never from input,
 * and every query is bound to it: another shopper's review id is "not found".
 */
export class ShopperReviewService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly limiter: ReviewWriteLimiter = unlimited,
  ) {}

  /**
   * Writes the shopper's review of a product. The proving order is looked up here: the shopper's
   * own order holding one of the product's variants, neither cancelled nor refunded.
   */
  async submit(ctx: TenantContext, customerId: string, productId: string, input: ReviewInput): Promise<ReviewView> {
    const review = checkedReview(input);
    await this.limiter.take(ctx, customerId);
    return this.uow.run(ctx, async (tx) => {
      await this.assertActiveProduct(tx, productId);
      const [order] = await tx.query<{ id: string }[]>(
        `SELECT o.id FROM orders o
          WHERE o.customer_id = $1 AND o.status IN ('placed', 'fulfilled')
            AND EXISTS (SELECT 1 FROM order_lines l JOIN variants v ON v.id = l.variant_id WHERE l.order_id = o.id AND v.product_id = $2)
          ORDER BY o.placed_at LIMIT 1`,
        [customerId, productId],
      );
      if (!order) throw new NotAVerifiedBuyerError();
      const [settings] = await tx.query<{ reviews_auto_approve: boolean }[]>('SELECT reviews_auto_approve FROM store_settings WHERE id = 1');
      const status = settings?.reviews_auto_approve ? 'approved' : 'pending';
      const [row] = await tx.query<ReviewRow[]>(
        `INSERT INTO reviews AS r (product_id, customer_id, order_id, rating, title, body, author_name, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (product_id, customer_id) DO NOTHING
         RETURNING ${REVIEW_COLUMNS}`,
        [productId, customerId, order.id, review.rating, review.title, review.body, review.authorName || DEFAULT_AUTHOR_NAME, status],
      );
      if (!row) {
        const [existing] = await tx.query<{ id: string }[]>('SELECT id FROM reviews WHERE product_id = $1 AND customer_id = $2', [productId, customerId]);
        throw new ReviewAlreadyExistsError(existing!.id);
      }
      if (status === 'approved') await recordRatingChange(tx, productId);
      return toReviewView(row);
    });
  }

  /** The shopper's review of a product, or null. */
  async mine(ctx: TenantContext, customerId: string, productId: string): Promise<ReviewView | null> {
    return this.uow.run(ctx, async (tx) => {
      const [row] = await tx.query<ReviewRow[]>(`SELECT ${REVIEW_COLUMNS} FROM reviews r WHERE r.product_id = $1 AND r.customer_id = $2`, [productId, customerId]);
      return row ? toReviewView(row) : null;
    });
  }

  /**
   * Changes the shopper's own review. A changed approved review goes back to moderation unless the
   * store approves reviews by itself (a merchant approved what it said, not what it says now).
   */
  async update(ctx: TenantContext, customerId: string, reviewId: string, change: ReviewChange): Promise<ReviewView> {
    const review = checkedReview(change);
    await this.limiter.take(ctx, customerId);
    return this.uow.run(ctx, async (tx) => {
      const current = await this.own(tx, customerId, reviewId);
      const [settings] = await tx.query<{ reviews_auto_approve: boolean }[]>('SELECT reviews_auto_approve FROM store_settings WHERE id = 1');
      const status = current.status === 'hidden' ? 'hidden' : settings?.reviews_auto_approve ? 'approved' : 'pending';
      await tx.query(
        `UPDATE reviews r SET rating = coalesce($3, rating), title = coalesce($4, title), body = coalesce($5, body),
                author_name = coalesce($6, author_name), status = $7, updated_at = now()
          WHERE r.id = $1 AND r.customer_id = $2`,
        [reviewId, customerId, review.rating ?? null, review.title ?? null, review.body ?? null, review.authorName || null, status],
      );
      if (current.status === 'approved' || status === 'approved') await recordRatingChange(tx, current.product_id);
      return toReviewView(await this.own(tx, customerId, reviewId));
    });
  }

  async remove(ctx: TenantContext, customerId: string, reviewId: string): Promise<void> {
    await this.uow.run(ctx, async (tx) => {
      const current = await this.own(tx, customerId, reviewId);
      await tx.query('DELETE FROM reviews WHERE id = $1 AND customer_id = $2', [reviewId, customerId]);
      if (current.status === 'approved') await recordRatingChange(tx, current.product_id);
    });
  }

  private async own(tx: TenantTransaction, customerId: string, reviewId: string): Promise<ReviewRow> {
    const [row] = isReviewId(reviewId)
      ? await tx.query<ReviewRow[]>(`SELECT ${REVIEW_COLUMNS} FROM reviews r WHERE r.id = $1 AND r.customer_id = $2 FOR UPDATE`, [reviewId, customerId])
      : [];
    if (!row) throw new ReviewNotFoundError(`review ${reviewId} not found`);
    return row;
  }

  private async assertActiveProduct(tx: TenantTransaction, productId: string): Promise<void> {
    const exists = isReviewId(productId) && (await tx.query<unknown[]>("SELECT 1 FROM products WHERE id = $1 AND status = 'active'", [productId])).length > 0;
    if (!exists) throw new ReviewNotFoundError(`product ${productId} not found`);
  }
}
