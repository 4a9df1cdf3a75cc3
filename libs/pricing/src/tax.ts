import { divideRounded } from './rounding';
import { PPM, type Destination, type TaxCategory, type TaxRate } from './rules';

/** An amount to tax: a line after its discounts, or the shipping after a free-shipping code. */
export interface TaxableItem {
  /** `line:<index>` or `shipping`. */
  readonly key: string;
  readonly amount: number;
  readonly category: TaxCategory;
}

export interface TaxRequest {
  readonly currency: string;
  /** The amounts already contain the tax (EU style) and it is taken out, or it comes on top (US style). */
  readonly pricesIncludeTax: boolean;
  readonly destination: Destination | null;
  readonly items: readonly TaxableItem[];
}

export interface ItemTax {
  readonly key: string;
  readonly label: string;
  readonly ratePpm: number;
  readonly amount: number;
}

/**
 * Where tax amounts come from. The default reads the store's own rate table; an external tax
 * service is asked before the (synchronous, pure) totals calculation and its answer handed in as
 * a strategy that returns it.
 */
export interface TaxStrategy {
  taxes(request: TaxRequest): readonly ItemTax[];
}

/**
 * Tax per item, rounded per item (half up, in minor units), from the destination zone's rates
 * (a category without its own rate takes the standard one).
 * Inclusive: tax = amount x r / (1 + r); exclusive: tax = amount x r. Shipping is taxed at the
 * zone's standard rate where the zone says shipping is taxable.
 */
export class RateTableTax implements TaxStrategy {
  constructor(
    private readonly rates: readonly TaxRate[],
    private readonly shippingTaxable: boolean,
  ) {}

  taxes(request: TaxRequest): ItemTax[] {
    return request.items.flatMap((item) => {
      if (item.key === 'shipping' && !this.shippingTaxable) return [];
      // A category the zone has no rate for is taxed at its standard rate, never silently untaxed
      // (a zero rate is written as one).
      const rate = this.rates.find((candidate) => candidate.category === item.category) ?? (item.category === 'zero' ? undefined : this.rates.find((candidate) => candidate.category === 'standard'));
      if (!rate || rate.ratePpm === 0 || item.amount === 0) return [];
      const amount = request.pricesIncludeTax
        ? divideRounded(BigInt(item.amount) * BigInt(rate.ratePpm), BigInt(PPM + rate.ratePpm))
        : divideRounded(BigInt(item.amount) * BigInt(rate.ratePpm), BigInt(PPM));
      return [{ key: item.key, label: rate.label, ratePpm: rate.ratePpm, amount }];
    });
  }
}

/** No zone, no rates: nothing is taxed (a cart before its address is known). */
export const NO_TAX: TaxStrategy = { taxes: () => [] };
