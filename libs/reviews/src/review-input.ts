import { REVIEW_LIMITS, type FieldError } from '@storefront/contracts';
import { ReviewValidationError } from './review-errors';

export interface ReviewInput {
  readonly rating: number;
  readonly title: string;
  readonly body: string;
  /** Shown beside the review; "Verified buyer" when the shopper gives none. */
  readonly authorName?: string;
}

export type ReviewChange = Partial<ReviewInput>;

export const DEFAULT_AUTHOR_NAME = 'Verified buyer';

// Control characters other than newline and tab never belong in a review (and NUL breaks PostgreSQL).
const CONTROL = /(?![\n\r\t])\p{Cc}/u;

/** Trims and checks what a shopper wrote; the APIs check the same with their schemas first. */
export function checkedReview<T extends ReviewChange>(input: T): T {
  const problems: FieldError[] = [];
  const out: Record<string, unknown> = { ...input };
  if (input.rating !== undefined && !(Number.isInteger(input.rating) && input.rating >= 1 && input.rating <= 5)) {
    problems.push({ field: 'rating', message: 'must be a whole number from 1 to 5' });
  }
  for (const [field, max, required] of [
    ['title', REVIEW_LIMITS.title, true],
    ['body', REVIEW_LIMITS.body, false],
    ['authorName', REVIEW_LIMITS.authorName, true],
  ] as const) {
    const value = input[field];
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (required && trimmed.length === 0) problems.push({ field, message: 'must not be empty' });
    if (trimmed.length > max) problems.push({ field, message: `at most ${max} characters` });
    if (CONTROL.test(trimmed)) problems.push({ field, message: 'must not contain control characters' });
    out[field] = trimmed;
  }
  if (problems.length > 0) throw new ReviewValidationError('the review is invalid', problems);
  return out as T;
}
