import { PlatformApiHarness, tShirtProduct, type SignedUpMerchant } from '../../test/platform-api-harness';

describe('merchant API for selling rules', () => {
  let harness: PlatformApiHarness;
  let merchant: SignedUpMerchant;
  let rival: SignedUpMerchant;
  let variantId: string;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start();
    merchant = await harness.signupMerchant();
    rival = await harness.signupMerchant();
    const product = await harness.request<{ variants: { id: string }[] }>('POST', '/api/v1/products', { token: merchant.token, body: tShirtProduct() });
    variantId = product.body.variants[0]!.id;
  });

  afterAll(async () => {
    await harness.close();
  });

  const zone = {
    name: 'USA',
    countries: ['US'],
    regions: ['US-NY'],
    shippingTaxable: true,
    taxRates: [{ category: 'standard', ratePercent: '8.875', label: 'NY sales tax' }],
    methods: [
      { name: 'Ground', rate: { kind: 'weight', tiers: [{ upToGrams: 1000, amount: 595 }, { upToGrams: 5000, amount: 995 }] }, freeOverAmount: 10_000 },
      { name: 'Express', rate: { kind: 'flat', amount: 1995 } },
    ],
  };

  it('creates, edits and lists a zone; rates are exact parts per million and method ids survive an edit', async () => {
    const created = await harness.request<{ id: string; taxRates: unknown[]; methods: { id: string; name: string }[] }>('POST', '/api/v1/shipping-zones', { token: merchant.token, body: zone });
    expect(created.status).toBe(201);
    expect(created.body.taxRates).toEqual([{ category: 'standard', ratePpm: 88_750, label: 'NY sales tax' }]);
    const ground = created.body.methods.find((m) => m.name === 'Ground')!;

    const edited = await harness.request<{ methods: { id: string; name: string }[] }>('PUT', `/api/v1/shipping-zones/${created.body.id}`, {
      token: merchant.token,
      body: { ...zone, methods: [{ ...zone.methods[0], id: ground.id, name: 'Ground (3-5 days)' }] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.methods).toEqual([expect.objectContaining({ id: ground.id, name: 'Ground (3-5 days)' })]);
    expect((await harness.request<{ items: unknown[] }>('GET', '/api/v1/shipping-zones', { token: merchant.token })).body.items).toHaveLength(1);
    expect((await harness.request('PUT', '/api/v1/tax-settings', { token: merchant.token, body: { pricesIncludeTax: true } })).body).toEqual({ pricesIncludeTax: true });
  });

  it.each<[string, string, unknown, string]>([
    ['a rate for a country that does not exist', '/api/v1/shipping-zones', { ...zone, countries: ['XX'], regions: [] }, 'countries.0'],
    ['a region outside the countries', '/api/v1/shipping-zones', { ...zone, regions: ['CA-ON'] }, 'regions'],
    ['a tax rate with too many decimals', '/api/v1/shipping-zones', { ...zone, taxRates: [{ category: 'standard', ratePercent: '8.12345', label: 'x' }] }, 'taxRates.0.ratePercent'],
    ['falling weight tiers', '/api/v1/shipping-zones', { ...zone, methods: [{ name: 'W', rate: { kind: 'weight', tiers: [{ upToGrams: 5, amount: 1 }, { upToGrams: 4, amount: 2 }] } }] }, 'methods.0.rate.tiers'],
    ['a negative sale price', '/api/v1/sales', { name: 'BF', startsAt: '2026-11-27T00:00:00Z', endsAt: '2026-11-28T00:00:00Z', prices: [{ variantId: '00000000-0000-4000-8000-000000000000', saleAmount: -1 }] }, 'prices.0.saleAmount'],
    ['a sale that ends before it starts', '/api/v1/sales', { name: 'BF', startsAt: '2026-11-28T00:00:00Z', endsAt: '2026-11-27T00:00:00Z', prices: [{ variantId: '00000000-0000-4000-8000-000000000000', saleAmount: 1 }] }, 'endsAt'],
    ['a percentage over 100', '/api/v1/discount-codes', { code: 'MORE', value: { kind: 'percent', percent: '120' } }, 'value.percent'],
    ['a code with spaces', '/api/v1/discount-codes', { code: 'BLACK FRIDAY', value: { kind: 'free_shipping' } }, 'code'],
  ])('refuses %s with 400 naming the field', async (_case, path, body, field) => {
    const answer = await harness.request<{ details: { field: string }[] }>('POST', path, { token: merchant.token, body });
    expect(answer.status).toBe(400);
    expect(answer.body.details.map((d) => d.field)).toContain(field);
  });

  it('a taken code is a conflict; another store sees none of this store\u2019s rules and cannot name its variants', async () => {
    const code = await harness.request<{ id: string; code: string; value: unknown }>('POST', '/api/v1/discount-codes', {
      token: merchant.token,
      body: { code: 'bf-25', value: { kind: 'percent', percent: '25' }, usageLimit: 50, perCustomerLimit: 1 },
    });
    expect(code.status).toBe(201);
    expect(code.body).toMatchObject({ code: 'BF-25', value: { kind: 'percent', percentBp: 2500 }, timesUsed: 0 });
    expect(await harness.request('POST', '/api/v1/discount-codes', { token: merchant.token, body: { code: 'BF-25', value: { kind: 'free_shipping' } } })).toMatchObject({
      status: 409,
      body: { details: [{ field: 'code', message: 'is taken' }] },
    });

    for (const [method, body] of [['GET', undefined], ['PUT', { code: 'MINE', value: { kind: 'free_shipping' } }], ['DELETE', undefined]] as const) {
      expect((await harness.request(method, `/api/v1/discount-codes/${code.body.id}`, { token: rival.token, ...(body ? { body } : {}) })).status).toBe(404);
    }
    expect((await harness.request<{ items: unknown[] }>('GET', '/api/v1/discount-codes', { token: rival.token })).body.items).toEqual([]);
    // The same code text is free in another store: codes are per store.
    expect((await harness.request('POST', '/api/v1/discount-codes', { token: rival.token, body: { code: 'BF-25', value: { kind: 'free_shipping' } } })).status).toBe(201);

    const stolen = await harness.request('POST', '/api/v1/sales', {
      token: rival.token,
      body: { name: 'Steal', startsAt: '2026-11-27T00:00:00Z', endsAt: '2026-11-28T00:00:00Z', prices: [{ variantId, saleAmount: 1 }] },
    });
    expect(stolen).toMatchObject({ status: 409, body: { details: [{ field: 'prices.0.variantId' }] } });
    expect((await harness.request('GET', '/api/v1/sales/not-a-uuid', { token: merchant.token })).status).toBe(404);
  });

  it('schedules a sale with sale prices and a cap, and a promotion on a category', async () => {
    const sale = await harness.request<{ prices: unknown[] }>('POST', '/api/v1/sales', {
      token: merchant.token,
      body: { name: 'Black Friday', startsAt: '2026-11-27T00:00:00Z', endsAt: '2026-11-28T00:00:00Z', perCustomerLimit: 2, prices: [{ variantId, saleAmount: 1500, stockCap: 100 }] },
    });
    expect(sale.status).toBe(201);
    expect(sale.body.prices).toEqual([expect.objectContaining({ variantId, saleAmount: 1500, stockCap: 100, sold: 0 })]);

    const category = await harness.request<{ id: string }>('POST', '/api/v1/categories', { token: merchant.token, body: { name: 'Hats' } });
    const promotion = await harness.request('POST', '/api/v1/promotions', { token: merchant.token, body: { kind: 'category_percent', name: 'Hats -20%', categoryId: category.body.id, percent: '20' } });
    expect(promotion).toMatchObject({ status: 201, body: { percentBp: 2000, categoryId: category.body.id } });
    const bxgy = await harness.request('POST', '/api/v1/promotions', { token: merchant.token, body: { kind: 'buy_x_get_y', name: '3 for 2', buyQuantity: 2, getQuantity: 1 } });
    expect(bxgy).toMatchObject({ status: 201, body: { percentBp: 10_000, categoryId: null } });
    const rivalsCategory = await harness.request('POST', '/api/v1/promotions', { token: rival.token, body: { kind: 'category_percent', name: 'x', categoryId: category.body.id, percent: '5' } });
    expect(rivalsCategory).toMatchObject({ status: 409, body: { details: [{ field: 'categoryId' }] } });
  });

  it('keeps a tax category per product and a weight and tax category per variant', async () => {
    const product = await harness.request<{ id: string; taxCategory: string; variants: { id: string; weightGrams: number; taxCategory: string | null }[] }>('POST', '/api/v1/products', {
      token: merchant.token,
      body: { ...tShirtProduct(), taxCategory: 'reduced' },
    });
    expect(product.body).toMatchObject({ taxCategory: 'reduced', variants: expect.arrayContaining([expect.objectContaining({ weightGrams: 0, taxCategory: null })]) });
    const variant = product.body.variants[0]!.id;
    expect(await harness.request('PATCH', `/api/v1/variants/${variant}`, { token: merchant.token, body: { weightGrams: 250, taxCategory: 'zero' } })).toMatchObject({
      status: 200,
      body: { weightGrams: 250, taxCategory: 'zero' },
    });
    expect(await harness.request('PATCH', `/api/v1/variants/${variant}`, { token: merchant.token, body: { weightGrams: -1, taxCategory: 'luxury' } })).toMatchObject({
      status: 400,
      body: { details: expect.arrayContaining([expect.objectContaining({ field: 'weightGrams' }), expect.objectContaining({ field: 'taxCategory' })]) },
    });
  });
});
