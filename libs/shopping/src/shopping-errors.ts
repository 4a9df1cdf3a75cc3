import type { FieldError } from '@storefront/contracts';

/** Base of shopping's expected outcomes; the storefront maps each to one HTTP status. */
export abstract class ShoppingError extends Error {
  constructor(
    message: string,
    readonly details: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 404: unknown SKU, cart line, or customer (another store's ids included). */
export class ShoppingNotFoundError extends ShoppingError {}

/** 400: a quantity or address that can never be valid. */
export class ShoppingValidationError extends ShoppingError {}

/** 409: valid input the current state refuses (more than in stock, email taken). */
export class ShoppingConflictError extends ShoppingError {}

/** 429: too many wrong passwords for one account in a row; says when to try again. */
export class SignInThrottledError extends ShoppingError {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many sign-in attempts for this account; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes or reset the password`);
  }
}

/** 401: wrong email or password (one message for both, so accounts cannot be probed). */
export class InvalidCredentialsError extends ShoppingError {
  constructor() {
    super('the email or password is wrong');
  }
}
