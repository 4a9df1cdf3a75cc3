import type { FieldError } from '@storefront/contracts';

/** Base of the catalog's expected outcomes; the API maps each subclass to one HTTP status. */
export abstract class CatalogError extends Error {
  constructor(
    message: string,
    readonly details: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The id names nothing in this tenant's catalog (another tenant's id included). */
export class CatalogNotFoundError extends CatalogError {
  constructor(readonly entity: 'product' | 'variant' | 'category', readonly id: string) {
    super(`${entity} ${id} not found`);
  }
}

/** The input is well-formed but breaks a catalog rule (options, variants, references). */
export class CatalogValidationError extends CatalogError {}

/** The input collides with existing data (SKU or slug taken) or would break a stock invariant. */
export class CatalogConflictError extends CatalogError {}

/** The tenant's plan does not allow another product. */
export class ProductLimitReachedError extends CatalogError {
  constructor(readonly limit: number) {
    super(`the plan allows at most ${limit} products; archive or delete one, or upgrade the plan`);
  }
}
