import { STRIPE_AUTHENTICATION_URL, STRIPE_TEST_KEYS, useStripeFaultProxy } from '@storefront/orders/testing';
import type { HostClient } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { StorefrontHarness, type TestStore } from '../test/storefront-harness';

const ADDRESS = { name: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 1AA', country: 'GB' };

describe('storefront card payments with the store\'s own Stripe account', () => {
  // Every confirmation needs the shopper's bank (3-D Secure), as a strict card would.
  const stripe = useStripeFaultProxy({ requireAction: true });
  let harness: StorefrontHarness;

  beforeAll(async () => {
    harness = await StorefrontHarness.start({}, { checkoutEnv: { PLATFORM_STRIPE_API_URL: stripe.proxy.url } });
  });

  beforeEach(() => {
    stripe.proxy.retrievedStatus = undefined;
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function stripeStore(): Promise<TestStore> {
    const store = await harness.createStore('Card Shop');
    expect((await harness.changePaymentSettings(store, { stripe: STRIPE_TEST_KEYS })).statusCode).toBe(200);
    return store;
  }

  /** A shopper of `store` whose card payment now waits for their bank. */
  async function awaitingOrder(store: TestStore): Promise<{ tab: HostClient; orderId: string; body: Record<string, unknown> }> {
    const product = await harness.createProduct(store);
    const tab = harness.client(store);
    expect((await tab.json('POST', '/api/v1/cart/items', { sku: product.variants[0]!.sku, quantity: 1 })).status).toBe(201);
    const placed = await tab.json('POST', '/api/v1/checkout', { paymentMethod: 'stripe', paymentToken: 'pm_card_visa', shippingAddress: ADDRESS }, { 'idempotency-key': `k-${randomUUID()}` });
    expect(placed.status).toBe(201);
    return { tab, orderId: placed.body.orderId as string, body: placed.body };
  }

  const eventFor = (type: string, intentId: string, orderId: string) =>
    JSON.stringify({ id: `evt_${randomUUID().replaceAll('-', '')}`, object: 'event', type, data: { object: { id: intentId, object: 'payment_intent', metadata: { orderId } } } });
  const deliver = (tab: HostClient, payload: string, signature: string) => tab.send('POST', '/api/v1/payments/stripe/webhook', payload, { 'content-type': 'application/json', 'stripe-signature': signature });

  it('sends the shopper to their bank, shows the order pending, and paid once they are back', async () => {
    const store = await stripeStore();
    const { tab, orderId, body } = await awaitingOrder(store);
    expect(body).toMatchObject({ status: 'awaiting_payment', nextAction: { redirectUrl: STRIPE_AUTHENTICATION_URL } });
    expect((await tab.get('/api/v1/cart')).body).toMatchObject({ itemCount: 0 }); // the order holds the stock now
    expect((await tab.get(`/orders/${orderId}`)).text).toContain('data-state="pending"');

    stripe.proxy.retrievedStatus = 'succeeded';
    const back = await tab.get(`/checkout/return?order=${orderId}&payment_intent=pi_x&redirect_status=succeeded`);
    expect(back).toMatchObject({ status: 303, headers: { location: `/orders/${orderId}` } });
    expect((await tab.get(`/orders/${orderId}`)).text).toContain('data-state="paid"');
    // Another browser cannot settle or see it.
    expect((await harness.client(store).get(`/checkout/return?order=${orderId}`)).status).toBe(404);
  });

  it('shows a failed payment as failed, nothing charged, the order cancelled', async () => {
    const store = await stripeStore();
    const { tab, orderId } = await awaitingOrder(store);
    stripe.proxy.retrievedStatus = 'requires_payment_method';
    expect((await tab.get(`/checkout/return?order=${orderId}`)).status).toBe(303);
    const page = await tab.get(`/orders/${orderId}`);
    expect(page.text).toContain('data-state="failed"');
    expect(page.text).toContain('is cancelled');
  });

  it('takes Stripe\'s webhook on the store\'s own address: a bad signature is 400 and changes nothing, the same event twice changes state once', async () => {
    const store = await stripeStore();
    const { tab, orderId } = await awaitingOrder(store);
    const order = await harness.tenancy.unitOfWork.run(store.ctx, (tx) => tx.query<{ gateway_reference: string }[]>('SELECT gateway_reference FROM payments WHERE order_id = $1', [orderId]));
    const payload = eventFor('payment_intent.succeeded', order[0]!.gateway_reference, orderId);
    const stripeTab = harness.client(store); // Stripe has no session cookie

    const forged = await deliver(stripeTab, payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_guessed' }));
    expect(forged).toMatchObject({ status: 400, body: { code: 'invalid_webhook_signature' } });
    expect((await deliver(stripeTab, payload, '')).status).toBe(400);
    expect((await tab.get(`/orders/${orderId}`)).text).toContain('data-state="pending"');

    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_TEST_KEYS.webhookSecret });
    expect(await deliver(stripeTab, payload, signature)).toMatchObject({ status: 200, body: { received: true, outcome: 'applied' } });
    expect(await deliver(stripeTab, payload, signature)).toMatchObject({ status: 200, body: { received: true, outcome: 'duplicate' } });
    expect((await tab.get(`/orders/${orderId}`)).text).toContain('data-state="paid"');
    const placedEvents = await harness.clusters.primary.query("SELECT 1 FROM platform.outbox WHERE tenant_id = $1 AND event_type = 'order.placed'", [store.tenantId]);
    expect(placedEvents).toHaveLength(1);

    // The same delivery at another store's address is checked with that store's secret: refused.
    const other = await stripeStore();
    await harness.changePaymentSettings(other, { stripe: { webhookSecret: 'whsec_OtherStoreSecret' } });
    expect((await deliver(harness.client(other), payload, signature)).status).toBe(400);
  });

  it('keeps the Idempotency-Key on the HTML form when the payment outcome is unknown, and a new one after a decline', async () => {
    const store = await harness.createStore('Form Shop');
    const product = await harness.createProduct(store);
    const tab = harness.client(store);
    const submit = async (paymentToken: string) => {
      expect((await tab.json('POST', '/api/v1/cart/items', { sku: product.variants[0]!.sku, quantity: 1 })).status).toBe(201);
      const page = await tab.get('/checkout');
      const field = (text: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(text)?.[1] ?? '';
      const key = field(page.text, 'idempotencyKey');
      const answer = await tab.form('/checkout', { _csrf: field(page.text, '_csrf'), idempotencyKey: key, paymentMethod: 'test-card', paymentToken, ...ADDRESS });
      return { answer, sentKey: key, nextKey: field(answer.text, 'idempotencyKey') };
    };
    const timedOut = await submit('tok_timeout');
    expect(timedOut.answer.status).toBe(504);
    expect(timedOut.answer.text).toContain('you will not be charged twice');
    expect(timedOut.nextKey).toBe(timedOut.sentKey);
    const declined = await submit('tok_decline');
    expect(declined.answer.status).toBe(402);
    expect(declined.nextKey).not.toBe(declined.sentKey);
  }, 60_000);
});
