import type { TenantContext } from '@storefront/contracts';
import type Redis from 'ioredis';
import { ReviewRateLimitedError } from './review-errors';
import type { ReviewWriteLimiter } from './shopper-reviews.service';

export interface ReviewRateLimits {
  /** Review writes (new, edit, delete) per shopper per hour. */
  readonly perShopper: number;
  /** Review writes per store per hour, from all its shoppers together. */
  readonly perStore: number;
}

export const DEFAULT_REVIEW_RATE_LIMITS: ReviewRateLimits = { perShopper: 10, perStore: 500 };

const WINDOW_SECONDS = 3600;

/** Fixed one-hour windows in Redis, both keyed by the store (keys carry the tenant), in one round trip. */
export class RedisReviewRateLimiter implements ReviewWriteLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly limits: ReviewRateLimits = DEFAULT_REVIEW_RATE_LIMITS,
  ) {}

  async take(ctx: TenantContext, customerId: string): Promise<void> {
    const window = Math.floor(Date.now() / 1000 / WINDOW_SECONDS);
    const shopperKey = `reviews:rate:${ctx.tenantId}:shopper:${customerId}:${window}`;
    const storeKey = `reviews:rate:${ctx.tenantId}:all:${window}`;
    const results = await this.redis
      .multi()
      .incr(shopperKey)
      .expire(shopperKey, WINDOW_SECONDS * 2)
      .incr(storeKey)
      .expire(storeKey, WINDOW_SECONDS * 2)
      .exec();
    const shopper = Number(results?.[0]?.[1] ?? 0);
    const store = Number(results?.[2]?.[1] ?? 0);
    if (shopper > this.limits.perShopper || store > this.limits.perStore) {
      throw new ReviewRateLimitedError(WINDOW_SECONDS - (Math.floor(Date.now() / 1000) % WINDOW_SECONDS));
    }
  }
}
