import { SellingRulesService } from '@storefront/orders';
import { randomUUID } from 'node:crypto';
import { StorefrontHarness } from '../test/storefront-harness';

const BERLIN = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' };
const key = () => ({ 'idempotency-key': `k-${randomUUID()}` });

describe('addresses: guest checkout with an email, the address book, postal code shapes', () => {
  let harness: StorefrontHarness;

  beforeAll(async () => {
    harness = await StorefrontHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('a guest checks out with an email, and a postal code of the wrong shape is a 400 on its field', async () => {
    const store = await harness.createStore('Guest Shop');
    const product = await harness.createProduct(store);
    const tab = harness.client(store);
    await tab.json('POST', '/api/v1/cart/items', { sku: product.variants[0]!.sku, quantity: 1 });

    const wrongShape = await tab.json('POST', '/api/v1/checkout', { paymentMethod: 'cod', shippingAddress: { ...BERLIN, postalCode: '1011' } }, key());
    expect(wrongShape).toMatchObject({ status: 400, body: { details: [{ field: 'shippingAddress.postalCode', message: 'is not a postal code of DE (for example 10115)' }] } });
    const usZip = await tab.json('POST', '/api/v1/checkout', { paymentMethod: 'cod', shippingAddress: { ...BERLIN, country: 'US', region: 'NY', postalCode: 'SW1A 1AA' } }, key());
    expect(usZip).toMatchObject({ status: 400, body: { details: [{ field: 'shippingAddress.postalCode' }] } });

    const placed = await tab.json('POST', '/api/v1/checkout', { paymentMethod: 'cod', shippingAddress: BERLIN, email: 'guest@example.com' }, key());
    expect(placed.status).toBe(201);
    const order = await harness.tenancy.unitOfWork.run(store.ctx, (tx) => tx.query('SELECT email, customer_id FROM orders WHERE id = $1', [placed.body.orderId]));
    expect(order).toEqual([{ email: 'guest@example.com', customer_id: null }]);
  });

  it('a signed-in shopper keeps addresses; another shopper cannot see or remove them; a guest has none', async () => {
    const store = await harness.createStore('Address Shop');
    const ada = harness.client(store);
    expect((await ada.json('POST', '/api/v1/customers', { email: `ada-${randomUUID().slice(0, 6)}@example.com`, password: 'long enough secret' })).status).toBe(201);
    const saved = await ada.json('POST', '/api/v1/customers/me/addresses', { address: BERLIN });
    expect(saved).toMatchObject({ status: 201, body: { address: BERLIN, isDefault: true } });
    expect((await ada.json('POST', '/api/v1/customers/me/addresses', { address: BERLIN })).body.id).toBe(saved.body.id); // not saved twice
    const second = await ada.json('POST', '/api/v1/customers/me/addresses', { address: { ...BERLIN, line1: 'Alexanderplatz 1' }, makeDefault: true });
    expect((await ada.get('/api/v1/customers/me/addresses')).body.items.map((a: { id: string; isDefault: boolean }) => [a.id, a.isDefault])).toEqual([
      [second.body.id, true],
      [saved.body.id, false],
    ]);
    expect(await ada.json('POST', '/api/v1/customers/me/addresses', { address: { ...BERLIN, postalCode: 'X' } })).toMatchObject({ status: 400, body: { details: [{ field: 'address.postalCode' }] } });

    const eve = harness.client(store);
    expect((await eve.json('POST', '/api/v1/customers', { email: `eve-${randomUUID().slice(0, 6)}@example.com`, password: 'long enough secret' })).status).toBe(201);
    expect((await eve.get('/api/v1/customers/me/addresses')).body.items).toEqual([]);
    expect((await eve.json('DELETE', `/api/v1/customers/me/addresses/${saved.body.id}`)).status).toBe(404);
    expect((await harness.client(store).get('/api/v1/customers/me/addresses')).status).toBe(401);

    // The checkout page starts from the default address.
    const form = await ada.get('/checkout');
    expect(form.status).toBe(303); // an empty cart goes back to the cart
    const product = await harness.createProduct(store);
    await ada.json('POST', '/api/v1/cart/items', { sku: product.variants[0]!.sku, quantity: 1 });
    const page = await ada.get('/checkout');
    expect(page.text).toContain('value="Alexanderplatz 1"');
    expect((await ada.json('DELETE', `/api/v1/customers/me/addresses/${saved.body.id}`)).status).toBe(204);
  });

  it('quotes shipping and tax for a destination through the storefront, and refuses a code of another store', async () => {
    const store = await harness.createStore('Quote Shop');
    const other = await harness.createStore('Other Shop');
    const rules = new SellingRulesService(harness.tenancy.unitOfWork);
    await rules.createZone(store.ctx, {
      name: 'US',
      countries: ['US'],
      regions: ['US-NY'],
      postalPrefixes: [],
      shippingTaxable: true,
      taxRates: [{ category: 'standard', ratePpm: 88_750, label: 'NY sales tax' }],
      methods: [{ name: 'Ground', rate: { kind: 'flat', amount: 595 }, freeOverAmount: null }],
    });
    await rules.createCode(other.ctx, { code: 'THEIRS', value: { kind: 'free_shipping' }, minSubtotalAmount: 0, usageLimit: null, perCustomerLimit: null, startsAt: null, endsAt: null });
    const product = await harness.createProduct(store);
    const tab = harness.client(store);
    await tab.json('POST', '/api/v1/cart/items', { sku: product.variants[0]!.sku, quantity: 1 });

    const quote = await tab.json('POST', '/api/v1/cart/quote', { destination: { country: 'US', region: 'NY', postalCode: '10001' } });
    // 1999 + 595, tax 8.875% of each: 177.41 -> 177, 52.81 -> 53
    expect(quote).toMatchObject({ status: 200, body: { totals: { subtotal: 1999, shipping: { name: 'Ground', amount: 595 }, taxTotal: 230, total: 2824 } } });
    expect(await tab.json('POST', '/api/v1/cart/quote', { destination: { country: 'US', region: 'NY', postalCode: '10001' }, discountCode: 'THEIRS' })).toMatchObject({
      status: 404,
      body: { code: 'code_not_found', details: [{ field: 'discountCode' }] },
    });
    expect(await tab.json('POST', '/api/v1/cart/quote', { destination: { country: 'CA', postalCode: 'K1A 0B1' } })).toMatchObject({ status: 409, body: { code: 'no_shipping_to_address' } });
  });
});
