/**
 * A store's selling rules as the merchant API answers them (docs/adr/0061): amounts in minor
 * units of the store currency, tax rates in parts per million, discounts in basis points. The
 * totals calculation (libs/pricing), the rules service (libs/orders) and the console share them.
 */

export const TAX_CATEGORIES = ['standard', 'reduced', 'zero'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

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

export type DiscountCodeValue =
  | { readonly kind: 'percent'; readonly percentBp: number }
  | { readonly kind: 'fixed'; readonly amount: number }
  | { readonly kind: 'free_shipping' };

/** Parts per million: 19 % is 190 000, New York's 8.875 % is 88 750. */
export type RatePpm = number;

export interface TaxRate {
  readonly category: TaxCategory;
  readonly ratePpm: RatePpm;
  /** What the breakdown calls it: "VAT 19%", "NY sales tax". */
  readonly label: string;
}

export interface ShippingMethod {
  readonly id: string;
  readonly name: string;
  readonly rate: ShippingRate;
  /** Free when the discounted merchandise subtotal reaches this many minor units. */
  readonly freeOverAmount: number | null;
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

/** A zone as the merchant API answers it: the same as the totals calculation reads it. */
export type ShippingZoneView = ShippingZone;

/** A code apart from its schedule, which the calculation reads as dates and the API answers as ISO text. */
export interface DiscountCodeTerms {
  readonly id: string;
  readonly code: string;
  readonly value: DiscountCodeValue;
  readonly minSubtotalAmount: number;
  /** Enforced with a row lock when the order is written; the calculation only reads them. */
  readonly usageLimit: number | null;
  readonly perCustomerLimit: number | null;
}

export interface DiscountCodeView extends DiscountCodeTerms {
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  readonly timesUsed: number;
}

export type PromotionView = {
  readonly id: string;
  readonly name: string;
  readonly percentBp: number;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
} & ({ readonly kind: 'category_percent'; readonly categoryId: string } | { readonly kind: 'buy_x_get_y'; readonly categoryId: string | null; readonly buyQuantity: number; readonly getQuantity: number });

export interface SaleView {
  readonly id: string;
  readonly name: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly perCustomerLimit: number | null;
  readonly prices: readonly { readonly variantId: string; readonly sku: string; readonly saleAmount: number; readonly stockCap: number | null; readonly sold: number }[];
}
