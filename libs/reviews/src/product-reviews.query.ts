import type { ReviewPage, ReviewSort, TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { ratingSummaryOf, REVIEW_COLUMNS, toPublicReview, type ReviewRow } from './review-rows';

export const REVIEWS_PAGE_SIZE = 10;
const MAX_PAGE = 1000;

const ORDER: Record<ReviewSort, string> = {
  newest: 'r.created_at DESC, r.id',
  highest: 'r.rating DESC, r.created_at DESC, r.id',
  lowest: 'r.rating ASC, r.created_at DESC, r.id',
};

/**
 * What shoppers read of a product's reviews: the approved ones only, whatever else exists. This
 * is the one query every public view (page, JSON API, structured data) goes through.
 */
export class ProductReviewsQuery {
  constructor(private readonly uow: TenantUnitOfWork) {}

  async page(ctx: TenantContext, productId: string, options: { sort?: ReviewSort; page?: number; pageSize?: number } = {}): Promise<ReviewPage> {
    const sort = options.sort ?? 'newest';
    const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), MAX_PAGE);
    const pageSize = Math.min(Math.max(1, Math.floor(options.pageSize ?? REVIEWS_PAGE_SIZE)), 50);
    return this.uow.run(ctx, async (tx) => {
      const summary = await ratingSummaryOf(tx, productId);
      const rows = await tx.query<ReviewRow[]>(
        `SELECT ${REVIEW_COLUMNS} FROM reviews r WHERE r.product_id = $1 AND r.status = 'approved' ORDER BY ${ORDER[sort]} LIMIT $2 OFFSET $3`,
        [productId, pageSize, (page - 1) * pageSize],
      );
      return { summary, items: rows.map(toPublicReview), total: summary.count, page, pageCount: Math.ceil(summary.count / pageSize), sort };
    });
  }
}
