import type { PricingError } from '@storefront/pricing';
import { CheckoutError } from '../checkout-errors';

/** A selling rule refused the cart (unknown code, no shipping to the address): the field and why. */
export class SellingRefusedError extends CheckoutError {
  readonly statusCode: number;
  readonly code: string;

  constructor(error: PricingError) {
    super(error.message, [{ field: error.field, message: error.message }]);
    this.statusCode = error.statusCode;
    this.code = error.code;
  }
}
