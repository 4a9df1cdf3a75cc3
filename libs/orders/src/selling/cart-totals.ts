import { assertCodeApplies, calculateTotals, normalizeCode, PricingError, quoteShipping, zoneFor, type Destination, type ShippingQuote, type ShippingZone, type TotalsBreakdown } from '@storefront/pricing';
import type { TenantTransaction } from '@storefront/tenancy';
import { priceLines, type PricedCart } from '../place-order/line-pricer';
import type { CartLineInput } from '../place-order/place-order.input';
import { SellingRefusedError } from './selling-refused.error';
import { loadSellingRules, type SellingRules } from './selling-rules.repository';

export interface CartPricingInput {
  readonly lines: readonly CartLineInput[];
  /** Without it the cart has no shipping and no tax yet (the cart page before checkout). */
  readonly destination?: Destination | null;
  /** Defaults to the cheapest method that ships the cart to the destination. */
  readonly shippingMethodId?: string;
  readonly discountCode?: string;
}

/** A cart priced from the catalog and the store's selling rules, as it would be ordered now. */
export interface CartTotals extends PricedCart {
  readonly totals: TotalsBreakdown;
  /** The methods that can ship this cart to the destination, cheapest first. */
  readonly shippingQuotes: readonly ShippingQuote[];
  readonly rules: SellingRules;
}

/**
 * Prices the lines (sale prices included), finds the zone and method, checks the code's schedule
 * and minimum, then computes the one breakdown. A store without any zone has not set shipping up:
 * its orders carry no shipping and no tax, as before tenant migration 0016.
 */
export async function priceCart(
  tx: TenantTransaction,
  input: CartPricingInput,
  options: { now: Date; lockForStock?: boolean; requestKey?: string | undefined },
): Promise<CartTotals> {
  const code = input.discountCode ? normalizeCode(input.discountCode) : null;
  const rules = await loadSellingRules(tx, { now: options.now, code, requestKey: options.requestKey });
  // A resumed attempt's own sale units do not count against the cap it is priced under.
  const cart = await priceLines(tx, input.lines, { ...options, heldBy: rules.heldBy });
  try {
    if (code !== null) {
      if (!rules.code) throw new PricingError('code_not_found', 'discountCode', `there is no code ${code} in this store`, 404);
      assertCodeApplies(rules.code, cart.subtotal, options.now);
    }
    const lines = cart.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      ...(line.sale ? { regularUnitAmount: line.sale.regularUnitAmount } : {}),
      taxCategory: line.taxCategory,
      weightGrams: line.weightGrams,
      categoryIds: line.categoryIds,
    }));
    const base = { currency: cart.currency, pricesIncludeTax: rules.pricesIncludeTax, lines, now: options.now, promotions: rules.promotions, code: rules.code };
    const zone = input.destination && rules.zones.length > 0 ? zoneOrRefuse(rules.zones, input.destination) : null;
    if (!zone) return { ...cart, totals: calculateTotals(base), shippingQuotes: [], rules };

    // Methods are quoted on the merchandise after discounts, which shipping does not change.
    const unshipped = calculateTotals(base);
    const weightGrams = lines.reduce((sum, line) => sum + line.weightGrams * line.quantity, 0);
    const shippingQuotes = quoteShipping(zone, { weightGrams, merchandiseAmount: unshipped.subtotal - merchandiseDiscounts(unshipped) });
    const methodId = input.shippingMethodId ?? shippingQuotes[0]?.methodId;
    if (methodId === undefined) throw new PricingError('shipping_method_unavailable', 'shippingMethodId', 'no shipping method of this store can carry this cart to this address');
    return { ...cart, totals: calculateTotals({ ...base, shipping: { zone, methodId } }), shippingQuotes, rules };
  } catch (error) {
    if (error instanceof PricingError) throw new SellingRefusedError(error);
    throw error;
  }
}

function zoneOrRefuse(zones: readonly ShippingZone[], destination: Destination): ShippingZone {
  const zone = zoneFor(zones, destination);
  if (!zone) throw new PricingError('no_shipping_to_address', 'shippingAddress.country', `this store does not ship to ${destination.country}${destination.postalCode ? ` ${destination.postalCode}` : ''}`);
  return zone;
}

/** Discounts on the merchandise (a free-shipping code's line is not one: there is no shipping yet). */
function merchandiseDiscounts(totals: TotalsBreakdown): number {
  return totals.lines.reduce((sum, line) => sum + line.discount, 0);
}
