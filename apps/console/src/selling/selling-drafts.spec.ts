import type { ShippingZoneView } from '@storefront/contracts';
import { parseScaled, scaledToShortText, scaledToText } from '../ui/decimal';
import { listMessagesFor } from '../ui/field-errors';
import { parseMoney } from '../ui/format';
import { codeBodyOf, codeDraftOf, EMPTY_CODE } from './discount-code-draft';
import { EMPTY_PROMOTION, promotionBodyOf } from './promotion-draft';
import { EMPTY_SALE, saleBodyOf } from './sale-draft';
import { localDateTimeText } from './selling-draft';
import { EMPTY_ZONE, NEW_METHOD, zoneBodyOf, zoneDraftOf } from './zone-draft';

describe('decimal text to minor units and back, by string arithmetic', () => {
  it.each<[string, string, number]>([
    ['19.99', 'EUR', 1999],
    ['0.29', 'EUR', 29], // 0.29 * 100 is 28.999999999999996 in floating point
    ['1,10', 'EUR', 110],
    ['25', 'EUR', 2500],
    ['1500', 'JPY', 1500],
    ['1500.00', 'JPY', 1500],
    ['1.234', 'KWD', 1234],
    ['90071992547409.91', 'USD', 9007199254740991],
  ])('reads %s %s as %d', (text, currency, minor) => {
    expect(parseMoney(text, currency)).toBe(minor);
  });

  it.each(['', '12.345', '1500.5 ', '-3', '1e3', '2.', '90071992547409.92'])('refuses %p as a price in EUR', (text) => {
    expect(parseMoney(text, text.startsWith('1500') ? 'JPY' : 'EUR')).toBeNaN();
  });

  it('writes scaled integers back as typed: all decimals for a price, the short form for a percentage', () => {
    expect([scaledToText(5, 2), scaledToText(2550, 2), scaledToText(1500, 0)]).toEqual(['0.05', '25.50', '1500']);
    expect([scaledToShortText(88_750, 4), scaledToShortText(190_000, 4), scaledToShortText(0, 4), scaledToShortText(1250, 2), scaledToShortText(100, 0)]).toEqual(['8.875', '19', '0', '12.5', '100']);
    expect(parseScaled('8.875', 4)).toBe(88_750);
  });
});

describe('a shipping zone form turned into its PUT body and back', () => {
  const zone: ShippingZoneView = {
    id: 'z1',
    name: 'Germany',
    countries: ['DE', 'AT'],
    regions: [],
    postalPrefixes: ['10'],
    shippingTaxable: true,
    taxRates: [{ category: 'standard', ratePpm: 190_000, label: 'VAT' }],
    methods: [
      { id: 'm1', name: 'DHL', rate: { kind: 'weight', tiers: [{ upToGrams: 1000, amount: 499 }, { upToGrams: 5000, amount: 899 }] }, freeOverAmount: 5000 },
      { id: 'm2', name: 'Pickup', rate: { kind: 'flat', amount: 0 }, freeOverAmount: null },
    ],
  };

  it('round-trips a stored zone, keeping method ids and sending the rate as the percentage typed', () => {
    const draft = zoneDraftOf(zone, 'EUR');
    expect(draft).toMatchObject({ countries: 'DE, AT', taxRates: [{ ratePercent: '19' }], methods: [{ kind: 'weight', tiers: [{ upTo: '1000', amount: '4.99' }, { upTo: '5000', amount: '8.99' }], freeOver: '50.00' }, { kind: 'flat', flatAmount: '0.00', freeOver: '' }] });
    expect(zoneBodyOf(draft, 'EUR')).toEqual({
      problems: [],
      body: {
        name: 'Germany',
        countries: ['DE', 'AT'],
        regions: [],
        postalPrefixes: ['10'],
        shippingTaxable: true,
        taxRates: [{ category: 'standard', ratePercent: '19', label: 'VAT' }],
        methods: [
          { id: 'm1', name: 'DHL', rate: { kind: 'weight', tiers: [{ upToGrams: 1000, amount: 499 }, { upToGrams: 5000, amount: 899 }] }, freeOverAmount: 5000 },
          { id: 'm2', name: 'Pickup', rate: { kind: 'flat', amount: 0 }, freeOverAmount: null },
        ],
      },
    });
  });

  it('reads value tiers in the currency, lists typed loosely, and names each input that is not a number by its API path', () => {
    const draft = { ...EMPTY_ZONE, countries: ' us, ca ,', regions: 'us-ny', methods: [{ ...NEW_METHOD, name: 'Ground', kind: 'value' as const, tiers: [{ upTo: '50', amount: '7.5' }, { upTo: 'lots', amount: '' }], freeOver: '100' }] };
    const { body, problems } = zoneBodyOf(draft, 'USD');
    expect(body).toMatchObject({ countries: ['US', 'CA'], regions: ['US-NY'], methods: [{ rate: { kind: 'value', tiers: [{ upToAmount: 5000, amount: 750 }, {}] }, freeOverAmount: 10_000 }] });
    expect(problems.map((p) => p.field)).toEqual(['methods.0.rate.tiers.1.upToAmount', 'methods.0.rate.tiers.1.amount']);
  });

  it('names the entry of a typed list the API refused', () => {
    expect(listMessagesFor({ 'countries.1': ['is not a country this platform knows'], countries: ['needs at least one country'] }, 'countries', ['DE', 'XX'])).toEqual(['XX: is not a country this platform knows', 'needs at least one country']);
  });
});

describe('codes, promotions and sales turned into their bodies', () => {
  it('sends a percentage as typed for the API to judge, and empty limits as none', () => {
    expect(codeBodyOf({ ...EMPTY_CODE, code: 'bf25', percent: ' 120 ' }, 'EUR')).toEqual({
      problems: [],
      body: { code: 'bf25', value: { kind: 'percent', percent: '120' }, minSubtotalAmount: 0, usageLimit: null, perCustomerLimit: null, startsAt: null, endsAt: null },
    });
    const fixed = codeBodyOf({ ...EMPTY_CODE, kind: 'fixed', amount: '5', minSubtotal: '30.00', usageLimit: '1.5', startsAt: '2026-11-27T00:00' }, 'EUR');
    expect(fixed.body).toMatchObject({ value: { kind: 'fixed', amount: 500 }, minSubtotalAmount: 3000, startsAt: new Date('2026-11-27T00:00').toISOString() });
    expect(fixed.problems).toEqual([{ field: 'usageLimit', message: 'must be a whole number' }]);
  });

  it('shows a stored code as the merchant typed it, its times in the browser’s zone', () => {
    const startsAt = new Date('2026-11-27T09:30').toISOString();
    expect(codeDraftOf({ id: 'c', code: 'BF', value: { kind: 'percent', percentBp: 1250 }, minSubtotalAmount: 0, usageLimit: 100, perCustomerLimit: null, startsAt, endsAt: null, timesUsed: 3 }, 'EUR')).toMatchObject({ percent: '12.5', minSubtotal: '', usageLimit: '100', perCustomerLimit: '', startsAt: '2026-11-27T09:30', endsAt: '' });
    expect(localDateTimeText(null)).toBe('');
  });

  it('leaves out a buy X get Y percentage that was not typed (the API gives the Y items free)', () => {
    expect(promotionBodyOf({ ...EMPTY_PROMOTION, kind: 'buy_x_get_y', name: '3 for 2' }).body).toEqual({ kind: 'buy_x_get_y', name: '3 for 2', startsAt: null, endsAt: null, categoryId: null, buyQuantity: 2, getQuantity: 1 });
    expect(promotionBodyOf({ ...EMPTY_PROMOTION, name: 'Shirts', categoryId: 'cat', percent: '20' }).body).toEqual({ kind: 'category_percent', name: 'Shirts', startsAt: null, endsAt: null, categoryId: 'cat', percent: '20' });
  });

  it('turns each SKU into its variant id, and refuses an unknown SKU or a missing time under its field', () => {
    const variants = [{ variantId: 'v1', sku: 'TEE-M', title: 'Tee', amount: 2500 }];
    const sale = { ...EMPTY_SALE, name: 'BF', startsAt: '2026-11-27T00:00', prices: [{ sku: 'tee-m', saleAmount: '19.99', stockCap: '' }, { sku: 'MUG', saleAmount: '5', stockCap: '10' }] };
    const { body, problems } = saleBodyOf(sale, 'EUR', variants);
    expect(body).toMatchObject({ prices: [{ variantId: 'v1', saleAmount: 1999, stockCap: null }, { variantId: '', saleAmount: 500, stockCap: 10 }] });
    expect(problems).toEqual([
      { field: 'prices.1.variantId', message: 'no variant of this store has SKU MUG' },
      { field: 'endsAt', message: 'must be a date and time' },
    ]);
  });
});
