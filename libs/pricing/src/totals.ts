import type { DiscountLine, TaxLine, TotalsBreakdown } from '@storefront/contracts';
import { activePromotions, promotionDiscounts } from './promotions';
import { PricingError } from './pricing-errors';
import { allocate, fractionOf } from './rounding';
import { BASIS_POINTS, type AutomaticPromotion, type DiscountCode, type ShippingZone, type TaxCategory } from './rules';
import { shippingAmount } from './shipping';
import { NO_TAX, RateTableTax, type TaxStrategy } from './tax';

export interface TotalsLine {
  readonly sku: string;
  readonly quantity: number;
  /** What one unit costs now: the sale price while a sale runs. */
  readonly unitAmount: number;
  /** The price without the sale, when a sale lowered it (shown struck through). */
  readonly regularUnitAmount?: number;
  readonly taxCategory: TaxCategory;
  readonly weightGrams: number;
  readonly categoryIds: readonly string[];
}

export interface TotalsInput {
  readonly currency: string;
  readonly pricesIncludeTax: boolean;
  readonly lines: readonly TotalsLine[];
  readonly now: Date;
  readonly promotions: readonly AutomaticPromotion[];
  /** A code already checked with `assertCodeApplies`. */
  readonly code?: DiscountCode | null;
  /** The destination's zone and the method chosen; without it there is no shipping and no tax yet. */
  readonly shipping?: { readonly zone: ShippingZone; readonly methodId: string } | null;
  /** Defaults to the zone's rate table. */
  readonly tax?: TaxStrategy;
}

export type { BreakdownLine, DiscountLine, TaxLine, TotalsBreakdown } from '@storefront/contracts';

/**
 * The totals of a cart, in integer minor units. Stacking rule (ADR 0061): every active automatic
 * promotion applies in turn, a percentage on what the earlier ones left, a line never below zero; then at most one code applies to what is left of the merchandise (a percentage of
 * it, or a fixed amount up to it, shared over the lines in proportion), or takes the shipping
 * off. Tax is computed per line on its discounted amount, and on the shipping where the zone
 * taxes it.
 */
export function calculateTotals(input: TotalsInput): TotalsBreakdown {
  const subtotals = input.lines.map((line) => line.unitAmount * line.quantity);
  const subtotal = sum(subtotals);
  const remaining = [...subtotals];
  const discounts: DiscountLine[] = [];

  for (const promotion of activePromotions(input.promotions, input.now)) {
    const wanted = promotionDiscounts(promotion, input.lines, remaining);
    const taken = wanted.map((amount, i) => Math.min(amount, remaining[i]!));
    const amount = sum(taken);
    if (amount === 0) continue;
    taken.forEach((value, i) => (remaining[i] = remaining[i]! - value));
    discounts.push({ source: 'promotion', id: promotion.id, label: promotion.name, amount });
  }

  const code = input.code ?? null;
  const merchandiseLeft = sum(remaining);
  if (code && code.value.kind !== 'free_shipping') {
    const amount = code.value.kind === 'percent' ? fractionOf(merchandiseLeft, code.value.percentBp, BASIS_POINTS) : Math.min(code.value.amount, merchandiseLeft);
    allocate(amount, remaining).forEach((share, i) => (remaining[i] = remaining[i]! - share));
    if (amount > 0) discounts.push({ source: 'code', id: code.id, label: code.code, amount });
  }
  const merchandise = sum(remaining);

  let shipping: TotalsBreakdown['shipping'] = null;
  let shippingCharged = 0;
  if (input.shipping) {
    const { zone, methodId } = input.shipping;
    const method = zone.methods.find((candidate) => candidate.id === methodId);
    const weightGrams = sum(input.lines.map((line) => line.weightGrams * line.quantity));
    const amount = method ? shippingAmount(method, { weightGrams, merchandiseAmount: merchandise }) : null;
    if (!method || amount === null) throw new PricingError('shipping_method_unavailable', 'shippingMethodId', 'this shipping method cannot deliver this cart to this address');
    shipping = { methodId, name: method.name, amount };
    shippingCharged = amount;
    if (code?.value.kind === 'free_shipping' && amount > 0) {
      discounts.push({ source: 'code', id: code.id, label: code.code, amount });
      shippingCharged = 0;
    }
  }

  const tax = input.tax ?? (input.shipping ? new RateTableTax(input.shipping.zone.taxRates, input.shipping.zone.shippingTaxable) : NO_TAX);
  const itemTaxes = tax.taxes({
    currency: input.currency,
    pricesIncludeTax: input.pricesIncludeTax,
    destination: null,
    items: [
      ...input.lines.map((line, i) => ({ key: `line:${i}`, amount: remaining[i]!, category: line.taxCategory })),
      ...(shipping ? [{ key: 'shipping', amount: shippingCharged, category: 'standard' as const }] : []),
    ],
  });
  const taxes = groupTaxes(itemTaxes);
  const taxTotal = sum(taxes.map((line) => line.amount));
  const discountTotal = sum(discounts.map((line) => line.amount));
  const beforeTax = merchandise + shippingCharged;

  return {
    currency: input.currency,
    pricesIncludeTax: input.pricesIncludeTax,
    subtotal,
    discounts,
    discountTotal,
    shipping,
    taxes,
    taxTotal,
    total: input.pricesIncludeTax ? beforeTax : beforeTax + taxTotal,
    lines: input.lines.map((line, i) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      ...(line.regularUnitAmount !== undefined ? { regularUnitAmount: line.regularUnitAmount } : {}),
      subtotal: subtotals[i]!,
      discount: subtotals[i]! - remaining[i]!,
      tax: sum(itemTaxes.filter((item) => item.key === `line:${i}`).map((item) => item.amount)),
    })),
  };
}

/** One line per rate and label, in the order they first appear. */
function groupTaxes(items: readonly { label: string; ratePpm: number; amount: number }[]): TaxLine[] {
  const grouped = new Map<string, TaxLine>();
  for (const item of items) {
    const key = `${item.label}\u0000${item.ratePpm}`;
    const seen = grouped.get(key);
    grouped.set(key, { label: item.label, ratePpm: item.ratePpm, amount: (seen?.amount ?? 0) + item.amount });
  }
  return [...grouped.values()].filter((line) => line.amount > 0);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
