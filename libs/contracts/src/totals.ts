/**
 * The totals breakdown on the wire (libs/pricing computes it, docs/adr/0061): every amount in
 * integer minor units of `currency`.
 */
export interface DiscountLine {
  readonly source: 'promotion' | 'code';
  readonly id: string;
  readonly label: string;
  readonly amount: number;
}

export interface TaxLine {
  readonly label: string;
  /** Parts per million: 19 % is 190 000. */
  readonly ratePpm: number;
  readonly amount: number;
}

export interface BreakdownLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitAmount: number;
  /** The price without the running sale, when a sale lowered it. */
  readonly regularUnitAmount?: number;
  readonly subtotal: number;
  readonly discount: number;
  readonly tax: number;
}

export interface TotalsBreakdown {
  readonly currency: string;
  readonly pricesIncludeTax: boolean;
  readonly subtotal: number;
  readonly discounts: readonly DiscountLine[];
  readonly discountTotal: number;
  readonly shipping: { readonly methodId: string; readonly name: string; readonly amount: number } | null;
  readonly taxes: readonly TaxLine[];
  /** Included in the prices when `pricesIncludeTax`, added on top otherwise. */
  readonly taxTotal: number;
  readonly total: number;
  readonly lines: readonly BreakdownLine[];
}

export interface ShippingMethodQuote {
  readonly methodId: string;
  readonly name: string;
  readonly amount: number;
}

/** `POST /api/v1/quotes` (checkout) and `GET /api/v1/cart/quote` (storefront): what the cart would cost. */
export interface CartQuote {
  readonly totals: TotalsBreakdown;
  /** The methods that ship this cart to the destination, cheapest first; empty without a destination. */
  readonly shippingMethods: readonly ShippingMethodQuote[];
}
