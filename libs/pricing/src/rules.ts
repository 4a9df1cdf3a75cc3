/**
 * A store's selling rules as the totals calculation reads them: plain data, loaded from the
 * tenant's tables (migration 0016) and never from the shopper.
 */

export const TAX_CATEGORIES = ['standard', 'reduced', 'zero'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

/** Parts per million: 19 % is 190 000, New York's 8.875 % is 88 750. */
export type RatePpm = number;
export const PPM = 1_000_000;

/** Basis points of a percentage discount: 15 % is 1 500, 100 % is 10 000. */
export const BASIS_POINTS = 10_000;

export interface TaxRate {
  readonly category: TaxCategory;
  readonly ratePpm: RatePpm;
  /** What the breakdown calls it: "VAT 19%", "NY sales tax". */
  readonly label: string;
}

export interface Destination {
  readonly country: string;
  readonly region?: string;
  readonly postalCode?: string;
}

export interface ShippingZone {
  readonly id: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2 codes. */
  readonly countries: readonly string[];
  /** Optional narrowing inside the countries: ISO 3166-2 subdivision codes ("US-NY"). */
  readonly regions: readonly string[];
  /** Optional narrowing: postal codes starting with one of these. */
  readonly postalPrefixes: readonly string[];
  /** Whether shipping is taxed in this zone (at its standard rate). */
  readonly shippingTaxable: boolean;
  readonly taxRates: readonly TaxRate[];
  readonly methods: readonly ShippingMethod[];
}

export interface WeightTier {
  /** Inclusive upper bound of the cart's weight. */
  readonly upToGrams: number;
  readonly amount: number;
}

export interface ValueTier {
  /** Inclusive upper bound of the discounted merchandise subtotal, in minor units. */
  readonly upToAmount: number;
  readonly amount: number;
}

export type ShippingRate =
  | { readonly kind: 'flat'; readonly amount: number }
  | { readonly kind: 'weight'; readonly tiers: readonly WeightTier[] }
  | { readonly kind: 'value'; readonly tiers: readonly ValueTier[] };

export interface ShippingMethod {
  readonly id: string;
  readonly name: string;
  readonly rate: ShippingRate;
  /** Free when the discounted merchandise subtotal reaches this many minor units. */
  readonly freeOverAmount: number | null;
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

export type DiscountCodeValue =
  | { readonly kind: 'percent'; readonly percentBp: number }
  | { readonly kind: 'fixed'; readonly amount: number }
  | { readonly kind: 'free_shipping' };

export type DiscountCode = Schedule & {
  readonly id: string;
  readonly code: string;
  readonly value: DiscountCodeValue;
  readonly minSubtotalAmount: number;
  /** Enforced with a row lock when the order is written; the calculation only reads them. */
  readonly usageLimit: number | null;
  readonly perCustomerLimit: number | null;
};

export function isActive(schedule: Schedule, now: Date): boolean {
  return (schedule.startsAt === null || schedule.startsAt <= now) && (schedule.endsAt === null || now < schedule.endsAt);
}
