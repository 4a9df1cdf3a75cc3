import type { FieldError } from '@storefront/contracts';

/** The id names nothing in this store (another store's id included). */
export class StoreSettingNotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'StoreSettingNotFoundError';
  }
}

/** Well-formed input that breaks a settings rule; `details` name the fields. */
export class StoreSettingValidationError extends Error {
  constructor(
    message: string,
    readonly details: readonly FieldError[],
  ) {
    super(message);
    this.name = 'StoreSettingValidationError';
  }
}
