import { PricingError } from './pricing-errors';
import { isActive, type DiscountCode } from './rules';

/** Codes are compared without case or surrounding spaces: "bf-25 " is BF-25. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * What can be decided without the usage counters: the schedule and the minimum subtotal. Usage
 * limits are checked where the redemption is written, under the code's row lock.
 */
export function assertCodeApplies(code: DiscountCode, subtotal: number, now: Date, field = 'discountCode'): void {
  if (!isActive(code, now)) throw new PricingError('code_not_active', field, `the code ${code.code} is not valid now`);
  if (subtotal < code.minSubtotalAmount) throw new PricingError('code_minimum_not_met', field, `the code ${code.code} needs a subtotal of at least ${code.minSubtotalAmount} minor units`);
}
