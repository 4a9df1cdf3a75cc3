import type { ShippingRate, ShippingZoneView, TaxCategory } from '@storefront/contracts';
import { codeList, DraftReader, moneyText, percentText, PPM_DECIMALS, type Converted } from './selling-draft';

export const TAX_CATEGORY_LABELS: Readonly<Record<TaxCategory, string>> = { standard: 'Standard', reduced: 'Reduced', zero: 'Zero-rated' };

export type RateKind = ShippingRate['kind'];

/** A tier as typed: up to some grams (weight) or some order value (value), and the shipping price. */
export interface TierDraft {
  readonly upTo: string;
  readonly amount: string;
}

export interface MethodDraft {
  /** Kept on save, so a shopper's chosen method stays valid after an edit. */
  readonly id?: string;
  readonly name: string;
  readonly kind: RateKind;
  readonly flatAmount: string;
  /** Tiers of the weight or value rate; kept while the kind is switched back and forth. */
  readonly tiers: readonly TierDraft[];
  readonly freeOver: string;
}

export interface TaxRateDraft {
  readonly category: TaxCategory;
  /** As typed, "19" or "8.875": sent as text, so the API turns it into exact parts per million. */
  readonly ratePercent: string;
  readonly label: string;
}

/** The zone form as typed: its code lists as comma-separated text, its amounts and rates as decimals. */
export interface ZoneDraft {
  readonly name: string;
  readonly countries: string;
  readonly regions: string;
  readonly postalPrefixes: string;
  readonly shippingTaxable: boolean;
  readonly taxRates: readonly TaxRateDraft[];
  readonly methods: readonly MethodDraft[];
}

export const EMPTY_ZONE: ZoneDraft = { name: '', countries: '', regions: '', postalPrefixes: '', shippingTaxable: false, taxRates: [], methods: [] };
export const NEW_METHOD: MethodDraft = { name: '', kind: 'flat', flatAmount: '', tiers: [{ upTo: '', amount: '' }], freeOver: '' };

export function zoneDraftOf(zone: ShippingZoneView, currency: string): ZoneDraft {
  return {
    name: zone.name,
    countries: zone.countries.join(', '),
    regions: zone.regions.join(', '),
    postalPrefixes: zone.postalPrefixes.join(', '),
    shippingTaxable: zone.shippingTaxable,
    taxRates: zone.taxRates.map((rate) => ({ category: rate.category, ratePercent: percentText(rate.ratePpm, PPM_DECIMALS), label: rate.label })),
    methods: zone.methods.map((method) => ({ id: method.id, name: method.name, ...rateDraftOf(method.rate, currency), freeOver: moneyText(method.freeOverAmount, currency) })),
  };
}

function rateDraftOf(rate: ShippingRate, currency: string): Pick<MethodDraft, 'kind' | 'flatAmount' | 'tiers'> {
  if (rate.kind === 'flat') return { kind: 'flat', flatAmount: moneyText(rate.amount, currency), tiers: NEW_METHOD.tiers };
  const tiers =
    rate.kind === 'weight'
      ? rate.tiers.map((tier) => ({ upTo: String(tier.upToGrams), amount: moneyText(tier.amount, currency) }))
      : rate.tiers.map((tier) => ({ upTo: moneyText(tier.upToAmount, currency), amount: moneyText(tier.amount, currency) }));
  return { kind: rate.kind, flatAmount: '', tiers };
}

function rateOf(method: MethodDraft, field: string, read: DraftReader): ShippingRate {
  if (method.kind === 'flat') return { kind: 'flat', amount: read.money(method.flatAmount, `${field}.amount`) };
  const amount = (tier: TierDraft, index: number) => read.money(tier.amount, `${field}.tiers.${index}.amount`);
  if (method.kind === 'weight') return { kind: 'weight', tiers: method.tiers.map((tier, i) => ({ upToGrams: read.whole(tier.upTo, `${field}.tiers.${i}.upToGrams`), amount: amount(tier, i) })) };
  return { kind: 'value', tiers: method.tiers.map((tier, i) => ({ upToAmount: read.money(tier.upTo, `${field}.tiers.${i}.upToAmount`), amount: amount(tier, i) })) };
}

/** The PUT/POST body of a zone; countries, regions and postal prefixes are comma-separated lists. */
export function zoneBodyOf(draft: ZoneDraft, currency: string): Converted<unknown> {
  const read = new DraftReader(currency);
  return read.done({
    name: draft.name,
    countries: codeList(draft.countries),
    regions: codeList(draft.regions),
    postalPrefixes: codeList(draft.postalPrefixes),
    shippingTaxable: draft.shippingTaxable,
    taxRates: draft.taxRates.map((rate) => ({ category: rate.category, ratePercent: rate.ratePercent.trim(), label: rate.label })),
    methods: draft.methods.map((method, index) => ({
      ...(method.id ? { id: method.id } : {}),
      name: method.name,
      rate: rateOf(method, `methods.${index}.rate`, read),
      freeOverAmount: read.moneyOrNull(method.freeOver, `methods.${index}.freeOverAmount`),
    })),
  });
}
