import type { ModeratedReview, PublicReview, RatingSummary, ReviewStatus, ReviewView } from '@storefront/contracts';
import { appendToOutbox, newDomainEvent } from '@storefront/outbox';
import type { TenantTransaction } from '@storefront/tenancy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Review ids are UUIDs; anything else names nothing and must not reach a uuid cast. */
export function isReviewId(value: string): boolean {
  return UUID.test(value);
}

export interface ReviewRow {
  id: string;
  product_id: string;
  customer_id: string;
  order_id: string;
  rating: number;
  title: string;
  body: string;
  author_name: string;
  status: ReviewStatus;
  reply: string | null;
  replied_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ModeratedRow extends ReviewRow {
  product_title: string;
  product_slug: string;
  customer_email: string;
}

export const REVIEW_COLUMNS =
  'r.id, r.product_id, r.customer_id, r.order_id, r.rating, r.title, r.body, r.author_name, r.status, r.reply, r.replied_at, r.created_at, r.updated_at';

function replyOf(row: ReviewRow): PublicReview['reply'] {
  return row.reply === null ? null : { text: row.reply, repliedAt: row.replied_at!.toISOString() };
}

export function toPublicReview(row: ReviewRow): PublicReview {
  return {
    id: row.id,
    rating: row.rating,
    title: row.title,
    body: row.body,
    authorName: row.author_name,
    verifiedPurchase: true,
    createdAt: row.created_at.toISOString(),
    reply: replyOf(row),
  };
}

export function toReviewView(row: ReviewRow): ReviewView {
  const { verifiedPurchase: _, ...rest } = toPublicReview(row);
  return { ...rest, productId: row.product_id, status: row.status, updatedAt: row.updated_at.toISOString() };
}

export function toModeratedReview(row: ModeratedRow): ModeratedReview {
  return { ...toReviewView(row), productTitle: row.product_title, productSlug: row.product_slug, orderId: row.order_id, customerEmail: row.customer_email };
}

export async function ratingSummaryOf(tx: TenantTransaction, productId: string): Promise<RatingSummary> {
  const [row] = await tx.query<{ review_count: number; rating_sum: number; histogram: number[] }[]>(
    'SELECT review_count, rating_sum, histogram FROM product_ratings WHERE product_id = $1',
    [productId],
  );
  const count = row?.review_count ?? 0;
  const histogram = (row?.histogram ?? [0, 0, 0, 0, 0]) as unknown as RatingSummary['histogram'];
  return { average: count > 0 ? Math.round((row!.rating_sum / count) * 100) / 100 : null, count, histogram };
}

/**
 * Tells the search index and the storefront caches that a product's approved reviews changed
 * (in the transaction of the change; the search shard copies the new average into its index).
 */
export async function recordRatingChange(tx: TenantTransaction, productId: string): Promise<void> {
  await appendToOutbox(tx, newDomainEvent(tx.ctx, 'product.rating_changed', { productId }));
}
