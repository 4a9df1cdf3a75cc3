/** A refusal the shopper can act on: the field it concerns and a sentence for them. */
export class PricingError extends Error {
  constructor(
    readonly code: 'code_not_found' | 'code_not_active' | 'code_minimum_not_met' | 'code_used_up' | 'no_shipping_to_address' | 'shipping_method_unavailable',
    readonly field: string,
    message: string,
    /** 404 for a code that does not exist here, 409 when the cart or the address cannot be served. */
    readonly statusCode: 400 | 404 | 409 = 409,
  ) {
    super(message);
    this.name = 'PricingError';
  }
}
