import { allocate, divideRounded } from './rounding';
import { currencyExponent } from './currency';
import type { AutomaticPromotion, DiscountCode, ShippingZone, TaxRate } from './rules';
import { quoteShipping, zoneFor } from './shipping';
import { calculateTotals, type TotalsLine } from './totals';
import { assertCodeApplies } from './discount-codes';
import { PricingError } from './pricing-errors';

const NOW = new Date('2026-11-27T12:00:00Z');
const ALWAYS = { startsAt: null, endsAt: null };

function line(sku: string, quantity: number, unitAmount: number, extra: Partial<TotalsLine> = {}): TotalsLine {
  return { sku, quantity, unitAmount, taxCategory: 'standard', weightGrams: 0, categoryIds: [], ...extra };
}

function zone(id: string, fields: Partial<ShippingZone>): ShippingZone {
  return { id, name: id, countries: [], regions: [], postalPrefixes: [], shippingTaxable: false, taxRates: [], methods: [], ...fields };
}

const VAT_DE: TaxRate[] = [
  { category: 'standard', ratePpm: 190_000, label: 'VAT 19%' },
  { category: 'reduced', ratePpm: 70_000, label: 'VAT 7%' },
];
const germany = zone('de', {
  countries: ['DE'],
  shippingTaxable: true,
  taxRates: VAT_DE,
  methods: [{ id: 'dhl', name: 'DHL', rate: { kind: 'flat', amount: 490 }, freeOverAmount: 5000 }],
});

describe('worked examples, to the minor unit', () => {
  it('EU store, VAT included: standard and reduced rate in one cart, shipping taxed at the standard rate', () => {
    const totals = calculateTotals({
      currency: 'EUR',
      pricesIncludeTax: true,
      now: NOW,
      promotions: [],
      lines: [line('TEE', 2, 1499), line('BOOK', 1, 1200, { taxCategory: 'reduced' })],
      shipping: { zone: germany, methodId: 'dhl' },
    });
    // 2998 x 19/119 = 478.67 -> 479; 1200 x 7/107 = 78.50 -> 79; shipping 490 x 19/119 = 78.24 -> 78 (4 198 < 5 000: not free)
    expect(totals.taxes).toEqual([
      { label: 'VAT 19%', ratePpm: 190_000, amount: 557 },
      { label: 'VAT 7%', ratePpm: 70_000, amount: 79 },
    ]);
    expect(totals.lines.map((l) => l.tax)).toEqual([479, 79]);
    expect(totals).toMatchObject({ subtotal: 4198, discountTotal: 0, shipping: { amount: 490 }, taxTotal: 636, total: 4688 });
  });

  const newYork = zone('ny', {
    countries: ['US'],
    regions: ['US-NY'],
    shippingTaxable: true,
    taxRates: [{ category: 'standard', ratePpm: 88_750, label: 'NY sales tax 8.875%' }],
    methods: [{ id: 'ground', name: 'Ground', rate: { kind: 'value', tiers: [{ upToAmount: 5000, amount: 595 }, { upToAmount: 20_000, amount: 995 }] }, freeOverAmount: null }],
  });
  const restOfUs = zone('us', { countries: ['US'], methods: newYork.methods });

  it('US store, tax added on top by state: New York taxes goods and shipping, elsewhere untaxed', () => {
    const cart = { currency: 'USD', pricesIncludeTax: false, now: NOW, promotions: [], lines: [line('MUG', 3, 999)] };
    const ny = zoneFor([restOfUs, newYork], { country: 'US', region: 'US-NY', postalCode: '10001' })!;
    expect(ny.id).toBe('ny');
    const inNewYork = calculateTotals({ ...cart, shipping: { zone: ny, methodId: 'ground' } });
    // 2997 x 0.08875 = 265.98 -> 266; 595 x 0.08875 = 52.81 -> 53
    expect(inNewYork).toMatchObject({ subtotal: 2997, shipping: { amount: 595 }, taxTotal: 319, total: 2997 + 595 + 319 });
    expect(inNewYork.taxes).toEqual([{ label: 'NY sales tax 8.875%', ratePpm: 88_750, amount: 319 }]);

    const oregon = zoneFor([restOfUs, newYork], { country: 'US', region: 'US-OR' })!;
    expect(oregon.id).toBe('us');
    expect(calculateTotals({ ...cart, shipping: { zone: oregon, methodId: 'ground' } })).toMatchObject({ taxTotal: 0, total: 3592 });
  });

  it('JPY store (no minor digits), tax included, shipping by weight', () => {
    expect(currencyExponent('JPY')).toBe(0);
    const japan = zone('jp', {
      countries: ['JP'],
      shippingTaxable: true,
      taxRates: [
        { category: 'standard', ratePpm: 100_000, label: '消費税 10%' },
        { category: 'reduced', ratePpm: 80_000, label: '消費税 8%' },
      ],
      methods: [{ id: 'yamato', name: 'Yamato', rate: { kind: 'weight', tiers: [{ upToGrams: 2000, amount: 600 }, { upToGrams: 5000, amount: 900 }] }, freeOverAmount: 5000 }],
    });
    const totals = calculateTotals({
      currency: 'JPY',
      pricesIncludeTax: true,
      now: NOW,
      promotions: [],
      lines: [line('TEAPOT', 1, 1980, { weightGrams: 500 }), line('SENBEI', 2, 398, { taxCategory: 'reduced', weightGrams: 300 })],
      shipping: { zone: japan, methodId: 'yamato' },
    });
    // 1980 x 10/110 = 180; 796 x 8/108 = 58.96 -> 59; shipping 600 x 10/110 = 54.55 -> 55 (1 100 g: first tier)
    expect(totals.taxes).toEqual([
      { label: '消費税 10%', ratePpm: 100_000, amount: 235 },
      { label: '消費税 8%', ratePpm: 80_000, amount: 59 },
    ]);
    expect(totals).toMatchObject({ subtotal: 2776, shipping: { amount: 600 }, total: 3376 });
  });

  it('a code and an automatic promotion together: the promotion first, the code on what is left, free shipping reached after both', () => {
    const hats: AutomaticPromotion = { id: 'p1', name: 'Hats 20% off', kind: 'category_percent', categoryId: 'hats', percentBp: 2000, ...ALWAYS };
    const code: DiscountCode = { id: 'c1', code: 'BF10', value: { kind: 'percent', percentBp: 1000 }, minSubtotalAmount: 0, usageLimit: 50, perCustomerLimit: 1, ...ALWAYS };
    const totals = calculateTotals({
      currency: 'EUR',
      pricesIncludeTax: true,
      now: NOW,
      promotions: [hats],
      code,
      lines: [line('HAT', 1, 2500, { categoryIds: ['hats'] }), line('SHIRT', 1, 4000)],
      shipping: { zone: germany, methodId: 'dhl' },
    });
    // hat 2500 - 500 = 2000; code 10% of 6000 = 600 shared 200/400; 5400 >= 5000: shipping free
    expect(totals.discounts).toEqual([
      { source: 'promotion', id: 'p1', label: 'Hats 20% off', amount: 500 },
      { source: 'code', id: 'c1', label: 'BF10', amount: 600 },
    ]);
    expect(totals.lines.map((l) => l.discount)).toEqual([700, 400]);
    // 1800 x 19/119 = 287.39 -> 287; 3600 x 19/119 = 574.79 -> 575
    expect(totals).toMatchObject({ subtotal: 6500, discountTotal: 1100, shipping: { amount: 0 }, taxTotal: 862, total: 5400 });
  });

  it('US store with a fixed code and a free-shipping code: tax on the discounted amounts', () => {
    const fixed: DiscountCode = { id: 'c2', code: 'TENOFF', value: { kind: 'fixed', amount: 1000 }, minSubtotalAmount: 0, usageLimit: null, perCustomerLimit: null, ...ALWAYS };
    const cart = { currency: 'USD', pricesIncludeTax: false, now: NOW, promotions: [], lines: [line('MUG', 3, 999)], shipping: { zone: newYork, methodId: 'ground' } };
    // 2997 - 1000 = 1997 (ground 595); tax 1997 x 0.08875 = 177.23 -> 177, 52.81 -> 53
    expect(calculateTotals({ ...cart, code: fixed })).toMatchObject({ discountTotal: 1000, taxTotal: 230, total: 1997 + 595 + 230 });
    const freeShipping: DiscountCode = { ...fixed, id: 'c3', code: 'SHIPFREE', value: { kind: 'free_shipping' } };
    const free = calculateTotals({ ...cart, code: freeShipping });
    expect(free.discounts).toEqual([{ source: 'code', id: 'c3', label: 'SHIPFREE', amount: 595 }]);
    expect(free).toMatchObject({ shipping: { amount: 595 }, taxTotal: 266, total: 2997 + 266 });
  });
});

describe('promotions', () => {
  it('buy 2 get 1 free takes the cheapest unit of each complete group off', () => {
    const socks: AutomaticPromotion = { id: 'p2', name: '3 for 2 socks', kind: 'buy_x_get_y', categoryId: 'socks', buyQuantity: 2, getQuantity: 1, percentBp: 10_000, ...ALWAYS };
    const totals = calculateTotals({
      currency: 'EUR',
      pricesIncludeTax: true,
      now: NOW,
      promotions: [socks],
      lines: [line('WOOL', 1, 800, { categoryIds: ['socks'] }), line('COTTON', 3, 500, { categoryIds: ['socks'] }), line('HAT', 2, 300)],
    });
    // units 800, 500, 500 | 500: one complete group, its cheapest unit free
    expect(totals.lines.map((l) => l.discount)).toEqual([0, 500, 0]);
    expect(totals).toMatchObject({ discountTotal: 500, total: 2900 - 500, shipping: null, taxTotal: 0 });
  });

  it('taxes a category the zone has no rate for at its standard rate, and a zero-rated line not at all', () => {
    const standardOnly = zone('at', { countries: ['AT'], taxRates: [{ category: 'standard', ratePpm: 200_000, label: 'USt 20%' }], methods: [{ id: 'post', name: 'Post', rate: { kind: 'flat', amount: 0 }, freeOverAmount: null }] });
    const totals = calculateTotals({
      currency: 'EUR',
      pricesIncludeTax: true,
      now: NOW,
      promotions: [],
      lines: [line('BOOK', 1, 1200, { taxCategory: 'reduced' }), line('NEWSPAPER', 1, 300, { taxCategory: 'zero' })],
      shipping: { zone: standardOnly, methodId: 'post' },
    });
    expect(totals.lines.map((l) => l.tax)).toEqual([200, 0]);
  });

  it('a promotion outside its schedule does nothing; stacked discounts never take a line below zero', () => {
    const later: AutomaticPromotion = { id: 'p3', name: 'Later', kind: 'category_percent', categoryId: 'hats', percentBp: 5000, startsAt: new Date('2026-12-01T00:00:00Z'), endsAt: null };
    const all: AutomaticPromotion = { id: 'p4', name: 'Everything', kind: 'category_percent', categoryId: 'hats', percentBp: 8000, ...ALWAYS };
    const more: AutomaticPromotion = { ...all, id: 'p5', name: 'More', percentBp: 5000 };
    const totals = calculateTotals({ currency: 'EUR', pricesIncludeTax: true, now: NOW, promotions: [later, all, more], lines: [line('HAT', 1, 1000, { categoryIds: ['hats'] })] });
    // 80 % of 1000, then 50 % of the 200 left
    expect(totals.discounts.map((d) => [d.id, d.amount])).toEqual([
      ['p4', 800],
      ['p5', 100],
    ]);
    expect(totals.total).toBe(100);
    const free: AutomaticPromotion = { id: 'p6', name: 'All free', kind: 'buy_x_get_y', categoryId: 'hats', buyQuantity: 1, getQuantity: 1, percentBp: 10_000, ...ALWAYS };
    const capped = calculateTotals({ currency: 'EUR', pricesIncludeTax: true, now: NOW, promotions: [all, free], lines: [line('HAT', 2, 1000, { categoryIds: ['hats'] })] });
    expect(capped.discounts.map((d) => [d.id, d.amount])).toEqual([
      ['p4', 1600],
      ['p6', 400],
    ]);
    expect(capped.total).toBe(0);
  });
});

describe('codes', () => {
  const code: DiscountCode = { id: 'c', code: 'WINTER', value: { kind: 'percent', percentBp: 1000 }, minSubtotalAmount: 3000, usageLimit: null, perCustomerLimit: null, startsAt: new Date('2026-11-01T00:00:00Z'), endsAt: new Date('2026-11-27T12:00:00Z') };

  it('refuses an ended code and a cart under the minimum, naming the field', () => {
    expect(() => assertCodeApplies(code, 5000, NOW)).toThrow(expect.objectContaining({ code: 'code_not_active', field: 'discountCode' }));
    const running = { ...code, endsAt: null };
    expect(() => assertCodeApplies(running, 2999, NOW)).toThrow(PricingError);
    expect(() => assertCodeApplies(running, 3000, NOW)).not.toThrow();
  });
});

describe('shipping', () => {
  it('picks the most specific zone and refuses a method that cannot carry the cart', () => {
    const berlin = zone('berlin', { countries: ['DE'], postalPrefixes: ['10', '12'], methods: [{ id: 'bike', name: 'Bike courier', rate: { kind: 'flat', amount: 300 }, freeOverAmount: null }] });
    expect(zoneFor([germany, berlin], { country: 'de', postalCode: '10115' })!.id).toBe('berlin');
    expect(zoneFor([germany, berlin], { country: 'DE', postalCode: '80331' })!.id).toBe('de');
    expect(zoneFor([germany, berlin], { country: 'FR', postalCode: '75001' })).toBeNull();

    const heavyOnly = zone('x', { countries: ['DE'], methods: [{ id: 'w', name: 'Parcel', rate: { kind: 'weight', tiers: [{ upToGrams: 1000, amount: 500 }] }, freeOverAmount: null }] });
    expect(quoteShipping(heavyOnly, { weightGrams: 1001, merchandiseAmount: 100 })).toEqual([]);
    expect(() =>
      calculateTotals({ currency: 'EUR', pricesIncludeTax: true, now: NOW, promotions: [], lines: [line('ANVIL', 1, 100, { weightGrams: 1001 })], shipping: { zone: heavyOnly, methodId: 'w' } }),
    ).toThrow(expect.objectContaining({ code: 'shipping_method_unavailable', field: 'shippingMethodId' }));
  });
});

describe('rounding and allocation', () => {
  it('rounds half up in minor units and shares an amount without losing a unit', () => {
    expect(divideRounded(5n, 2n)).toBe(3);
    expect(divideRounded(-5n, 2n)).toBe(-3);
    expect(divideRounded(7n, 3n)).toBe(2);
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(600, [2000, 4000])).toEqual([200, 400]);
    expect(allocate(5, [0, 0])).toEqual([0, 0]);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('EUR')).toBe(2);
  });
});
