import type { ModeratedReview, Page, ReviewStatus, TenantContext } from '@storefront/contracts';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { ReviewNotFoundError } from './review-errors';
import { isReviewId, recordRatingChange, REVIEW_COLUMNS, toModeratedReview, type ModeratedRow } from './review-rows';

export interface ReviewQueueQuery {
  readonly status?: ReviewStatus;
  readonly productId?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

const MODERATED_SELECT = `SELECT ${REVIEW_COLUMNS}, p.title AS product_title, p.slug AS product_slug, c.email AS customer_email
  FROM reviews r JOIN products p ON p.id = r.product_id JOIN customers c ON c.id = r.customer_id`;

/** The merchant's side: the moderation queue, approve, hide and a public reply. */
export class ReviewModerationService {
  constructor(private readonly uow: TenantUnitOfWork) {}

  /** Oldest first for pending reviews (a queue), newest first otherwise. */
  async list(ctx: TenantContext, query: ReviewQueueQuery = {}): Promise<Page<ModeratedReview> & { pending: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    return this.uow.run(ctx, async (tx) => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.status) where.push(`r.status = $${params.push(query.status)}`);
      if (query.productId) {
        if (!isReviewId(query.productId)) return { items: [], total: 0, page, pageSize, pending: await this.pendingCount(tx) };
        where.push(`r.product_id = $${params.push(query.productId)}`);
      }
      const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const order = query.status === 'pending' ? 'r.created_at ASC, r.id' : 'r.created_at DESC, r.id';
      const rows = await tx.query<ModeratedRow[]>(
        `${MODERATED_SELECT} ${filter} ORDER BY ${order} LIMIT $${params.push(pageSize)} OFFSET $${params.push((page - 1) * pageSize)}`,
        params,
      );
      const [{ n }] = (await tx.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM reviews r ${filter}`, params.slice(0, -2))) as [{ n: number }];
      return { items: rows.map(toModeratedReview), total: n, page, pageSize, pending: await this.pendingCount(tx) };
    });
  }

  async get(ctx: TenantContext, reviewId: string): Promise<ModeratedReview> {
    return this.uow.run(ctx, async (tx) => toModeratedReview(await this.find(tx, reviewId)));
  }

  approve(ctx: TenantContext, reviewId: string): Promise<ModeratedReview> {
    return this.setStatus(ctx, reviewId, 'approved');
  }

  /** Hidden reviews leave the product page, its rating, structured data and search at once. */
  hide(ctx: TenantContext, reviewId: string): Promise<ModeratedReview> {
    return this.setStatus(ctx, reviewId, 'hidden');
  }

  /** The store's public answer under the review; null removes it. */
  async reply(ctx: TenantContext, reviewId: string, text: string | null): Promise<ModeratedReview> {
    return this.uow.run(ctx, async (tx) => {
      await this.find(tx, reviewId);
      await tx.query(
        'UPDATE reviews SET reply = $2, replied_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END, updated_at = now() WHERE id = $1',
        [reviewId, text],
      );
      return toModeratedReview(await this.find(tx, reviewId));
    });
  }

  private async setStatus(ctx: TenantContext, reviewId: string, status: ReviewStatus): Promise<ModeratedReview> {
    return this.uow.run(ctx, async (tx) => {
      const current = await this.find(tx, reviewId, true);
      if (current.status === status) return toModeratedReview(current);
      await tx.query('UPDATE reviews SET status = $2, updated_at = now() WHERE id = $1', [reviewId, status]);
      if (current.status === 'approved' || status === 'approved') await recordRatingChange(tx, current.product_id);
      return toModeratedReview(await this.find(tx, reviewId));
    });
  }

  private async pendingCount(tx: TenantTransaction): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>("SELECT count(*)::int AS n FROM reviews WHERE status = 'pending'");
    return row!.n;
  }

  private async find(tx: TenantTransaction, reviewId: string, lock = false): Promise<ModeratedRow> {
    const [row] = isReviewId(reviewId)
      ? await tx.query<ModeratedRow[]>(`${MODERATED_SELECT} WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`, [reviewId])
      : [];
    if (!row) throw new ReviewNotFoundError(`review ${reviewId} not found`);
    return row;
  }
}
