/** Body of every error answer on the public HTTP contract. */
export interface ErrorResponse {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly details?: readonly FieldError[];
}

export interface FieldError {
  /** Dotted path of the offending field, e.g. `variants.2.sku`. */
  readonly field: string;
  readonly message: string;
}
