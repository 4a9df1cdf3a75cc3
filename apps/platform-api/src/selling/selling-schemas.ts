import { BASIS_POINTS, PPM, TAX_CATEGORIES } from '@storefront/pricing';
import { z } from 'zod';

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** States in the OpenAPI document (as a vendor keyword) a rule JSON Schema has no keyword for. */
const rule = (text: string) => ({ 'x-rule': text });

/** An ISO 3166-1 alpha-2 code the platform knows ("XX" and "ZZ" are not countries). */
const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as DE')
  .refine((code) => !/^[A-Z]{2}$/.test(code) || (code !== 'ZZ' && REGION_NAMES.of(code) !== code), 'is not a country this platform knows') // Intl throws on a malformed code
  .meta(rule('an ISO 3166-1 alpha-2 code of an existing country'));

const amount = z.number().int('must be whole minor units').min(0, 'must not be negative').max(1e12);
const positiveCount = z.number().int('must be a whole number').min(1).max(1_000_000);
const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date and time such as 2026-11-27T00:00:00Z' })
  // PostgreSQL has no year 0; a schedule before 1970 means nothing for a sale anyway.
  .refine((text) => Number(text.slice(0, 4)) >= 1970, 'must be in 1970 or later')
  .meta(rule('in 1970 or later'));

/** A percentage as a decimal string ("19", "8.875") turned into exact parts: no floating point on the way. */
function percentIn(unit: number, decimals: number) {
  return z
    .string()
    .regex(new RegExp(`^\\d{1,3}(\\.\\d{1,${decimals}})?$`), `must be a percentage such as 19 or 8.875 (at most ${decimals} decimals)`)
    .transform((text) => {
      const [whole, fraction = ''] = text.split('.');
      return (Number(whole) * unit) / 100 + Number(fraction.padEnd(decimals, '0')) * (unit / 100 / 10 ** decimals);
    })
    .refine((parts) => parts <= unit, 'must be at most 100')
    .meta(rule('at most 100'));
}

/** Tax rates to 4 decimals of a percent (parts per million); discounts to 2 (basis points). */
const taxPercent = percentIn(PPM, 4);
const discountPercent = percentIn(BASIS_POINTS, 2)
  .refine((bp) => bp > 0, 'must be more than 0')
  .meta(rule('more than 0 and at most 100'));

const tiers = <K extends string>(bound: K) =>
  z
    .array(z.strictObject({ [bound]: z.number().int().min(0).max(1e12), amount } as Record<K, z.ZodNumber> & { amount: typeof amount }))
    .min(1, 'needs at least one tier')
    .max(50)
    .refine((list) => list.every((tier, i) => i === 0 || (tier as Record<K, number>)[bound] > (list[i - 1] as Record<K, number>)[bound]), `tiers must rise by ${bound}`)
    .meta(rule(`each tier's ${bound} above the one before`));

const rate = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('flat'), amount }),
  z.strictObject({ kind: z.literal('weight'), tiers: tiers('upToGrams') }),
  z.strictObject({ kind: z.literal('value'), tiers: tiers('upToAmount') }),
]);

export const shippingZoneSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    countries: z.array(country).min(1, 'needs at least one country').max(250),
    regions: z.array(z.string().trim().toUpperCase().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 code such as US-NY')).max(500).default([]),
    postalPrefixes: z.array(z.string().trim().toUpperCase().regex(/^[A-Z0-9 -]{1,10}$/, 'must be the start of a postal code')).max(1000).default([]),
    shippingTaxable: z.boolean().default(false),
    taxRates: z
      .array(z.strictObject({ category: z.enum(TAX_CATEGORIES), ratePercent: taxPercent, label: z.string().trim().min(1).max(60) }))
      .max(3)
      .refine((rates) => new Set(rates.map((r) => r.category)).size === rates.length, 'one rate per tax category')
      .meta(rule('one rate per tax category'))
      .default([]),
    methods: z
      .array(z.strictObject({ id: z.uuid().optional(), name: z.string().trim().min(1, 'must not be empty').max(100), rate, freeOverAmount: amount.nullable().default(null) }))
      .max(20)
      .default([]),
  })
  .refine((zone) => zone.regions.every((region) => zone.countries.includes(region.slice(0, 2))), { path: ['regions'], message: 'each region must lie in one of the countries' })
  .meta(rule('each region lies in one of the countries'))
  .transform(({ taxRates, ...zone }) => ({ ...zone, taxRates: taxRates.map(({ ratePercent, ...r }) => ({ ...r, ratePpm: ratePercent })) }));

const schedule = {
  startsAt: instant.nullable().default(null),
  endsAt: instant.nullable().default(null),
};
const endsAfterStart = { path: ['endsAt'], message: 'must be after startsAt' };
const inOrder = (value: { startsAt: string | null; endsAt: string | null }) => !value.startsAt || !value.endsAt || Date.parse(value.endsAt) > Date.parse(value.startsAt);

export const discountCodeSchema = z
  .strictObject({
    code: z.string().trim().toUpperCase().regex(/^[A-Z0-9_-]{1,40}$/, 'must be 1 to 40 letters, digits, _ or -'),
    value: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('percent'), percent: discountPercent }).transform(({ percent }) => ({ kind: 'percent' as const, percentBp: percent })),
      z.strictObject({ kind: z.literal('fixed'), amount: amount.min(1, 'must be more than 0') }),
      z.strictObject({ kind: z.literal('free_shipping') }),
    ]),
    minSubtotalAmount: amount.default(0),
    usageLimit: positiveCount.nullable().default(null),
    perCustomerLimit: positiveCount.nullable().default(null),
    ...schedule,
  })
  .refine(inOrder, endsAfterStart)
  .meta(rule('endsAt after startsAt'));

export const promotionSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('category_percent'), name: z.string().trim().min(1).max(100), categoryId: z.uuid('must be a category id'), percent: discountPercent, ...schedule }),
    z.strictObject({
      kind: z.literal('buy_x_get_y'),
      name: z.string().trim().min(1).max(100),
      categoryId: z.uuid('must be a category id').nullable().default(null),
      buyQuantity: z.number().int().min(1).max(100),
      getQuantity: z.number().int().min(1).max(100),
      percent: discountPercent.default(BASIS_POINTS),
      ...schedule,
    }),
  ])
  .refine(inOrder, endsAfterStart)
  .meta(rule('endsAt after startsAt'))
  .transform(({ percent, ...promotion }) => ({ ...promotion, percentBp: percent }));

export const saleSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    startsAt: instant,
    endsAt: instant,
    perCustomerLimit: positiveCount.nullable().default(null),
    prices: z
      .array(z.strictObject({ variantId: z.uuid('must be a variant id'), saleAmount: amount, stockCap: z.number().int().min(0).max(1_000_000).nullable().default(null) }))
      .min(1, 'needs at least one sale price')
      .max(500)
      .refine((prices) => new Set(prices.map((p) => p.variantId)).size === prices.length, 'each variant may appear once')
      .meta(rule('each variant once')),
  })
  .refine((sale) => Date.parse(sale.endsAt) > Date.parse(sale.startsAt), endsAfterStart)
  .meta(rule('endsAt after startsAt'));

export const taxSettingsSchema = z.strictObject({ pricesIncludeTax: z.boolean() });
