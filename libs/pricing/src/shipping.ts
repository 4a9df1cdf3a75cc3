import type { Destination, ShippingMethod, ShippingZone } from './rules';

/**
 * The zone that ships to a destination: the most specific one wins (a postal prefix over a
 * region over the whole country), then the longest prefix, then the zone created first.
 */
export function zoneFor<Zone extends ShippingZone>(zones: readonly Zone[], destination: Destination): Zone | null {
  const country = destination.country.toUpperCase();
  const postal = (destination.postalCode ?? '').replace(/\s+/g, '').toUpperCase();
  const region = destination.region ? regionCode(country, destination.region) : undefined;
  let best: { zone: Zone; score: number } | null = null;
  for (const zone of zones) {
    if (!zone.countries.includes(country)) continue;
    if (zone.regions.length > 0 && !(region && zone.regions.includes(region))) continue;
    let score = zone.regions.length > 0 ? 1 : 0;
    if (zone.postalPrefixes.length > 0) {
      const prefix = zone.postalPrefixes.filter((p) => postal.startsWith(p.replace(/\s+/g, '').toUpperCase())).sort((a, b) => b.length - a.length)[0];
      if (prefix === undefined) continue;
      score = 2 + prefix.length;
    }
    if (!best || score > best.score) best = { zone, score };
  }
  return best?.zone ?? null;
}

/** A subdivision as ISO 3166-2 ("US-NY"), also when the shopper typed only "ny". */
export function regionCode(country: string, region: string): string {
  const code = region.trim().toUpperCase();
  return code.includes('-') ? code : `${country.toUpperCase()}-${code}`;
}

export interface ShippableCart {
  readonly weightGrams: number;
  /** Merchandise after discounts, in minor units: what value tiers and free-over thresholds read. */
  readonly merchandiseAmount: number;
}

/** What the method charges for the cart, or null when it cannot carry it (heavier than its last tier). */
export function shippingAmount(method: ShippingMethod, cart: ShippableCart): number | null {
  const rate = method.rate;
  let amount: number | null;
  switch (rate.kind) {
    case 'flat':
      amount = rate.amount;
      break;
    case 'weight':
      amount = rate.tiers.find((tier) => cart.weightGrams <= tier.upToGrams)?.amount ?? null;
      break;
    case 'value':
      amount = rate.tiers.find((tier) => cart.merchandiseAmount <= tier.upToAmount)?.amount ?? null;
      break;
  }
  if (amount === null) return null;
  if (method.freeOverAmount !== null && cart.merchandiseAmount >= method.freeOverAmount) return 0;
  return amount;
}

export interface ShippingQuote {
  readonly methodId: string;
  readonly name: string;
  readonly amount: number;
}

/** Every method of the zone that can carry the cart, cheapest first. */
export function quoteShipping(zone: ShippingZone, cart: ShippableCart): ShippingQuote[] {
  return zone.methods
    .flatMap((method) => {
      const amount = shippingAmount(method, cart);
      return amount === null ? [] : [{ methodId: method.id, name: method.name, amount }];
    })
    .sort((a, b) => a.amount - b.amount);
}
