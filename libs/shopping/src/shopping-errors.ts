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

/** 401: wrong email or password (one message for both, so accounts cannot be probed). */
export class InvalidCredentialsError extends ShoppingError {
  constructor() {
    super('the email or password is wrong');
  }
}
