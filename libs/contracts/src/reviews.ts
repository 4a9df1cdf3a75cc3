/**
 * Wire types of product reviews: the storefront answers the public and the shopper's own shapes,
 * the platform API the merchant's moderation shapes, the console shows them.
 */

export const REVIEW_STATUSES = ['pending', 'approved', 'hidden'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_SORTS = ['newest', 'highest', 'lowest'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

/** Limits of what a shopper writes (characters), checked by the API and again by the database. */
export const REVIEW_LIMITS = { title: 120, body: 5000, authorName: 60, reply: 2000 } as const;

export interface RatingSummary {
  /** Approved reviews only; null when there are none. */
  readonly average: number | null;
  readonly count: number;
  /** Approved reviews per rating: `histogram[0]` counts 1-star reviews, `histogram[4]` 5-star. */
  readonly histogram: readonly [number, number, number, number, number];
}

/** What shoppers see of an approved review. */
export interface PublicReview {
  readonly id: string;
  readonly rating: number;
  readonly title: string;
  readonly body: string;
  readonly authorName: string;
  /** Always true: a review exists only for a shopper whose order holds the product. */
  readonly verifiedPurchase: true;
  readonly createdAt: string;
  readonly reply: { readonly text: string; readonly repliedAt: string } | null;
}

export interface ReviewPage {
  readonly summary: RatingSummary;
  readonly items: readonly PublicReview[];
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
  readonly sort: ReviewSort;
}

/** A review as its author and the merchant see it (with its moderation state). */
export interface ReviewView extends Omit<PublicReview, 'verifiedPurchase'> {
  readonly productId: string;
  readonly status: ReviewStatus;
  readonly updatedAt: string;
}

/** The merchant's moderation view adds the product and the proving order. */
export interface ModeratedReview extends ReviewView {
  readonly productTitle: string;
  readonly productSlug: string;
  readonly orderId: string;
  readonly customerEmail: string;
}
