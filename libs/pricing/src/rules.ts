/**
 * A store's selling rules as the totals calculation reads them: plain data, loaded from the
 * tenant's tables (migration 0016) and never from the shopper.
 */
import type { DiscountCodeTerms } from '@storefront/contracts';

// Shared with the merchant API's answers and the console.
export { TAX_CATEGORIES } from '@storefront/contracts';
export type { DiscountCodeTerms, DiscountCodeValue, RatePpm, ShippingMethod, ShippingRate, ShippingZone, TaxCategory, TaxRate, ValueTier, WeightTier } from '@storefront/contracts';

/** Parts per million: 19 % is 190 000, New York's 8.875 % is 88 750. */
export const PPM = 1_000_000;

/** Basis points of a percentage discount: 15 % is 1 500, 100 % is 10 000. */
export const BASIS_POINTS = 10_000;

export interface Destination {
  readonly country: string;
  readonly region?: string;
  readonly postalCode?: string;
}

export interface Schedule {
  readonly startsAt: Date | null;
  readonly endsAt: Date | null;
}

export type AutomaticPromotion = Schedule & {
  readonly id: string;
  readonly name: string;
} & (
    | { readonly kind: 'category_percent'; readonly categoryId: string; readonly percentBp: number }
    | {
        readonly kind: 'buy_x_get_y';
        /** Units bought of the eligible products (all products when null). */
        readonly categoryId: string | null;
        readonly buyQuantity: number;
        readonly getQuantity: number;
        /** Off the Y cheapest units of each group; 10 000 makes them free. */
        readonly percentBp: number;
      }
  );

export type DiscountCode = Schedule & DiscountCodeTerms;

export function isActive(schedule: Schedule, now: Date): boolean {
  return (schedule.startsAt === null || schedule.startsAt <= now) && (schedule.endsAt === null || now < schedule.endsAt);
}
