import type { FieldError } from '@storefront/contracts';

/** Base of the reviews module's expected outcomes; each API maps a subclass to one HTTP status. */
export abstract class ReviewError extends Error {
  constructor(
    message: string,
    readonly details: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** No such review or product in this store (another store's id, or another shopper's review, included). */
export class ReviewNotFoundError extends ReviewError {}

/** The shopper has no order holding the product (cancelled and refunded orders do not count). */
export class NotAVerifiedBuyerError extends ReviewError {
  constructor() {
    super('only shoppers who bought this product can review it');
  }
}

/** The shopper already reviewed the product: edit that review instead. */
export class ReviewAlreadyExistsError extends ReviewError {
  constructor(readonly reviewId: string) {
    super('you already reviewed this product; edit your review instead', [{ field: 'productId', message: 'already reviewed' }]);
  }
}

/** Well-formed input that breaks a review rule (length, rating). */
export class ReviewValidationError extends ReviewError {}

/** Too many review writes from this shopper or to this store in the current window. */
export class ReviewRateLimitedError extends ReviewError {
  constructor(readonly retryAfterSeconds: number) {
    super('too many reviews written; try again later');
  }
}

/** The HTTP status both APIs (storefront and merchant) answer for each outcome. */
export function httpStatusOfReviewError(error: ReviewError): number {
  if (error instanceof ReviewNotFoundError) return 404;
  if (error instanceof NotAVerifiedBuyerError) return 403;
  if (error instanceof ReviewAlreadyExistsError) return 409;
  if (error instanceof ReviewRateLimitedError) return 429;
  return 400;
}
