export * from './review-errors';
export * from './review-input';
export { isReviewId } from './review-rows';
export * from './shopper-reviews.service';
export * from './product-reviews.query';
export * from './review-moderation.service';
export * from './review-rate-limiter';
