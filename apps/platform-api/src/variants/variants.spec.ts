import { PlatformApiHarness, type SignedUpMerchant } from '../../test/platform-api-harness';

describe('variants of an existing product', () => {
  let harness: PlatformApiHarness;
  let merchant: SignedUpMerchant;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start();
    merchant = await harness.signupMerchant();
  });

  afterAll(async () => {
    await harness.close();
  });

  const mug = (sku: string) => ({
    title: 'Mug',
    price: { amount: 1200, currency: 'EUR' },
    options: [{ name: 'Colour', values: ['Red', 'Blue', 'Green'] }],
    variants: [{ sku, options: { Colour: 'Red' }, stock: 4 }],
  });

  it('adds a variant that fits the options, reprices it, renames its SKU and removes it', async () => {
    const { token } = merchant;
    const product = (await harness.request('POST', '/api/v1/products', { token, body: mug('MUG-RED') })).body;

    const added = await harness.request('POST', `/api/v1/products/${product.id}/variants`, {
      token,
      body: { sku: 'MUG-BLUE', options: { Colour: 'Blue' }, stock: 2, price: { amount: 1500, currency: 'EUR' } },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ sku: 'MUG-BLUE', options: { Colour: 'Blue' }, stock: 2, price: { amount: 1500, currency: 'EUR' } });

    const changed = await harness.request('PATCH', `/api/v1/variants/${added.body.id}`, { token, body: { sku: 'MUG-NAVY', price: null } });
    expect(changed.body).toMatchObject({ sku: 'MUG-NAVY', price: null });

    const listed = await harness.request('GET', `/api/v1/products/${product.id}`, { token });
    expect(listed.body.variants.map((v: { sku: string }) => v.sku)).toEqual(['MUG-RED', 'MUG-NAVY']);

    expect((await harness.request('DELETE', `/api/v1/variants/${added.body.id}`, { token })).status).toBe(204);
    const last = await harness.request('DELETE', `/api/v1/variants/${product.variants[0].id}`, { token });
    expect(last.status).toBe(409);
    expect((await harness.request('GET', `/api/v1/products/${product.id}`, { token })).body.variants).toHaveLength(1);
  });

  it('refuses a variant that repeats a combination, misses an option, takes a SKU or uses another currency', async () => {
    const { token } = merchant;
    const product = (await harness.request('POST', '/api/v1/products', { token, body: mug('MUG2-RED') })).body;
    const add = (body: unknown) => harness.request('POST', `/api/v1/products/${product.id}/variants`, { token, body });

    const twin = await add({ sku: 'MUG2-RED-2', options: { Colour: 'Red' }, stock: 1 });
    expect(twin.status).toBe(400);
    expect(twin.body.details).toEqual([{ field: 'options', message: 'same option values as variants.0' }]);

    const missing = await add({ sku: 'MUG2-X', options: {}, stock: 1 });
    expect(missing.body.details).toEqual([{ field: 'options.Colour', message: 'is required' }]);

    const taken = await add({ sku: 'MUG2-RED', options: { Colour: 'Green' }, stock: 1 });
    expect(taken.status).toBe(409);
    expect(taken.body.details).toEqual([{ field: 'sku', message: 'SKU "MUG2-RED" is taken' }]);

    const foreign = await add({ sku: 'MUG2-G', options: { Colour: 'Green' }, stock: 1, price: { amount: 1, currency: 'USD' } });
    expect(foreign.body.details).toEqual([{ field: 'price.currency', message: 'must be the product currency EUR' }]);

    expect((await harness.request('GET', `/api/v1/products/${product.id}`, { token })).body.variants).toHaveLength(1);
  });
});
