import { randomUUID } from 'node:crypto';
import type { HostClient } from '@storefront/testing';
import { StorefrontHarness, type TestStore } from '../test/storefront-harness';

const ADDRESS = { name: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 1AA', country: 'GB' };
const BANNER = 'data-testid="test-mode-banner"';

describe('storefront payments: test mode and live mode', () => {
  let harness: StorefrontHarness;

  beforeAll(async () => {
    harness = await StorefrontHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  async function shopperWithCart(store: TestStore): Promise<HostClient> {
    const product = await harness.createProduct(store);
    const tab = harness.client(store);
    expect((await tab.json('POST', '/api/v1/cart/items', { sku: product.variants[0]!.sku, quantity: 1 })).status).toBe(201);
    return tab;
  }

  /** Submits the HTML checkout form as a browser would (its CSRF token and key from the page). */
  async function submitCheckoutForm(tab: HostClient, paymentMethod: string) {
    const page = await tab.get('/checkout');
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page.text)?.[1] ?? '';
    return tab.form('/checkout', { _csrf: field('_csrf'), idempotencyKey: field('idempotencyKey'), paymentMethod, ...ADDRESS });
  }

  it('a new store is in test mode: every page shows the banner and the test card pays', async () => {
    const store = await harness.createStore('Test Mode Shop');
    const tab = await shopperWithCart(store);
    expect((await tab.get('/')).text).toContain(BANNER);
    const form = await tab.get('/checkout');
    expect(form.text).toContain(BANNER);
    expect(form.text).toContain('value="test-card"');
    expect(form.text).toContain('value="tok_success"');

    const placed = await submitCheckoutForm(tab, 'test-card');
    expect(placed.status).toBe(303);
    expect(placed.headers.location).toMatch(/^\/orders\//);
  });

  it('a live store shows no banner, offers no test card and refuses it through the JSON API and the HTML form', async () => {
    const store = await harness.createStore('Live Shop');
    expect((await harness.changePaymentSettings(store, { mode: 'live' })).statusCode).toBe(200);
    const tab = await shopperWithCart(store);
    expect((await tab.get('/')).text).not.toContain(BANNER);
    const form = await tab.get('/checkout');
    expect(form.text).not.toContain('value="test-card"');
    expect(form.text).not.toContain('tok_success');
    expect(form.text).toContain('value="cod"');

    const viaApi = await tab.json('POST', '/api/v1/checkout', { paymentMethod: 'test-card', paymentToken: 'tok_success', shippingAddress: ADDRESS }, { 'idempotency-key': `k-${randomUUID()}` });
    expect(viaApi).toMatchObject({ status: 400, body: { code: 'test_card_in_live_mode', details: [{ field: 'paymentMethod' }] } });
    // A form forged to send the test card anyway gets the same refusal on the page.
    const viaForm = await submitCheckoutForm(tab, 'test-card');
    expect(viaForm.status).toBe(400);
    expect(viaForm.text).toContain('the test card is refused');
    expect((await tab.get('/api/v1/cart')).body).toMatchObject({ itemCount: 1 }); // nothing was bought

    const cod = await submitCheckoutForm(tab, 'cod');
    expect(cod.status).toBe(303);
  });

  it('offers a bank transfer with the merchant\'s instructions, escaped', async () => {
    const store = await harness.createStore('Transfer Shop');
    const change = await harness.changePaymentSettings(store, { bankTransfer: { enabled: true, instructions: 'IBAN DE89 3704 <b>0044</b>' } });
    expect(change.statusCode).toBe(200);
    const tab = await shopperWithCart(store);
    const form = await tab.get('/checkout');
    expect(form.text).toContain('value="bank-transfer"');
    expect(form.text).toContain('IBAN DE89 3704 &lt;b&gt;0044&lt;/b&gt;');
    const placed = await tab.json('POST', '/api/v1/checkout', { paymentMethod: 'bank-transfer', shippingAddress: ADDRESS }, { 'idempotency-key': `k-${randomUUID()}` });
    expect(placed.status).toBe(201);
  });
});
