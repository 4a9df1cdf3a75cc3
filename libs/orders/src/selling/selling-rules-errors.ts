import type { FieldError } from '@storefront/contracts';

/** The id names no rule of this store (another store's id included): 404. */
export class SellingRuleNotFoundError extends Error {
  constructor(readonly entity: string, id: string) {
    super(`${entity} ${id} not found`);
    this.name = 'SellingRuleNotFoundError';
  }
}

/** The input collides with the store's data (a code already taken, an unknown category): 409 with the field. */
export class SellingRuleConflictError extends Error {
  constructor(message: string, readonly details: readonly FieldError[]) {
    super(message);
    this.name = 'SellingRuleConflictError';
  }
}
