import type { TenantContext } from '@storefront/contracts';
import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { createTestCheckout, orderInput, seedVariant, stockOf, STRIPE_AUTHENTICATION_URL, STRIPE_TEST_KEYS } from '../../testing';
import { useStripeFaultProxy } from '../../test/stripe-fault-proxy';
import { InvalidStripeWebhookError, verifiedStripeEvent } from './stripe-webhook-events';

const RETURN_URL = 'https://shop.example.com/checkout/return';

describe('payments the shopper has to confirm (card authentication)', () => {
  const env = useTestTenancy();
  const stripe = useStripeFaultProxy({ requireAction: true });
  let checkout: ReturnType<typeof createTestCheckout>;

  beforeAll(() => {
    checkout = createTestCheckout(env.tenancy, env.redis, { paymentTimeoutMs: 5_000, stripeApiUrl: stripe.proxy.url });
  });

  beforeEach(() => {
    stripe.proxy.retrievedStatus = undefined;
  });

  const placedEvents = (ctx: TenantContext) =>
    env.clusters.primary.query<{ event_type: string; payload: { orderId: string } }[]>(
      "SELECT event_type, payload FROM platform.outbox WHERE tenant_id = $1 AND event_type IN ('order.placed', 'order.cancelled') ORDER BY seq",
      [ctx.tenantId],
    );

  /** A store taking Stripe, and an order of one item whose payment waits for the shopper. */
  async function awaitingOrder() {
    const { ctx } = await provisionTestTenant(env.tenancy);
    await checkout.paymentSettings.update(ctx, { stripe: STRIPE_TEST_KEYS });
    const sku = await seedVariant(env.tenancy, ctx, { stock: 2, price: 3_000 });
    const placed = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { paymentMethod: 'stripe', paymentToken: 'pm_card_visa', returnUrl: RETURN_URL }), randomUUID());
    const body = placed.body as { orderId: string; status: string; nextAction?: { redirectUrl: string } };
    return { ctx, sku, placed, orderId: body.orderId };
  }

  it('holds the order awaiting payment, stock taken and nothing announced, and says where the shopper goes', async () => {
    const { ctx, sku, placed, orderId } = await awaitingOrder();
    expect(placed).toMatchObject({ statusCode: 201, body: { status: 'awaiting_payment', nextAction: { redirectUrl: STRIPE_AUTHENTICATION_URL } } });
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(1);
    expect(await checkout.lifecycle.getOrder(ctx, orderId)).toMatchObject({ status: 'awaiting_payment', payment: { method: 'stripe', status: 'requires_action' } });
    expect(await placedEvents(ctx)).toEqual([]);
  });

  it('places the order once the shopper authenticated, however often the news comes', async () => {
    const { ctx, orderId } = await awaitingOrder();
    stripe.proxy.retrievedStatus = 'succeeded';
    expect(await checkout.confirmations.refresh(ctx, orderId)).toMatchObject({
      status: 'placed',
      payment: { status: 'captured' },
      history: [{ from: null, to: 'awaiting_payment' }, { from: 'awaiting_payment', to: 'placed' }],
    });
    expect(await checkout.confirmations.refresh(ctx, orderId)).toMatchObject({ status: 'placed' });
    expect((await placedEvents(ctx)).map((e) => [e.event_type, e.payload.orderId])).toEqual([['order.placed', orderId]]);
  });

  it('cancels the order and gives the stock back when the authentication failed', async () => {
    const { ctx, sku, orderId } = await awaitingOrder();
    stripe.proxy.retrievedStatus = 'requires_payment_method';
    const cancelsBefore = stripe.proxy.seen.filter((r) => r.method === 'POST' && r.path.endsWith('/cancel')).length;
    expect(await checkout.confirmations.refresh(ctx, orderId)).toMatchObject({ status: 'cancelled', payment: { status: 'failed' } });
    // Given up at Stripe first: the shopper cannot pay that intent any more for an order without stock.
    expect(stripe.proxy.seen.filter((r) => r.method === 'POST' && r.path.endsWith('/cancel')).length).toBe(cancelsBefore + 1);
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(2);
    expect((await placedEvents(ctx)).map((e) => e.event_type)).toEqual(['order.cancelled']);
  });

  it('waits while the bank has not answered, then gives the charge up at Stripe and the stock back', async () => {
    const { ctx, sku, orderId } = await awaitingOrder();
    stripe.proxy.retrievedStatus = 'requires_action';
    expect(await checkout.confirmations.settleStale(ctx, { askAfterSeconds: 0, abandonAfterSeconds: 3_600 })).toEqual({ settled: 0, failed: 0 });
    expect((await checkout.lifecycle.getOrder(ctx, orderId)).status).toBe('awaiting_payment');
    expect(await checkout.confirmations.settleStale(ctx, { askAfterSeconds: 0, abandonAfterSeconds: 0 })).toEqual({ settled: 1, failed: 0 });
    expect(stripe.proxy.seen.some((r) => r.method === 'POST' && r.path.endsWith('/cancel'))).toBe(true);
    expect(await checkout.lifecycle.getOrder(ctx, orderId)).toMatchObject({ status: 'cancelled', payment: { status: 'failed' } });
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(2);
  });

  describe('Stripe webhook events', () => {
    const intentEvent = (type: string, intentId: string, orderId: string) =>
      JSON.stringify({ id: `evt_${randomUUID().replaceAll('-', '')}`, object: 'event', type, data: { object: { id: intentId, object: 'payment_intent', metadata: { orderId } } } });
    const signed = (payload: string, secret: string = STRIPE_TEST_KEYS.webhookSecret) => Stripe.webhooks.generateTestHeaderString({ payload, secret });
    const referenceOf = async (ctx: TenantContext, orderId: string) => (await checkout.lifecycle.getOrder(ctx, orderId)).payment!.reference!;

    it('refuses a bad, missing or another store\'s signature, and a changed byte: nothing changes', async () => {
      const { ctx, orderId } = await awaitingOrder();
      const payload = intentEvent('payment_intent.succeeded', await referenceOf(ctx, orderId), orderId);
      const settings = checkout.gateways.settings;
      await expect(verifiedStripeEvent(settings, ctx, payload, undefined)).rejects.toBeInstanceOf(InvalidStripeWebhookError);
      await expect(verifiedStripeEvent(settings, ctx, payload, 't=1,v1=deadbeef')).rejects.toBeInstanceOf(InvalidStripeWebhookError);
      await expect(verifiedStripeEvent(settings, ctx, payload, signed(payload, 'whsec_of_another_store'))).rejects.toBeInstanceOf(InvalidStripeWebhookError);
      await expect(verifiedStripeEvent(settings, ctx, payload.replace('succeeded', 'canceled'), signed(payload))).rejects.toBeInstanceOf(InvalidStripeWebhookError);
      expect((await checkout.lifecycle.getOrder(ctx, orderId)).status).toBe('awaiting_payment');
    });

    it('applies a verified event once, however often Stripe delivers it', async () => {
      const { ctx, orderId } = await awaitingOrder();
      const payload = intentEvent('payment_intent.succeeded', await referenceOf(ctx, orderId), orderId);
      const event = await verifiedStripeEvent(checkout.gateways.settings, ctx, payload, signed(payload));
      expect(await checkout.confirmations.applyStripeEvent(ctx, event)).toBe('applied');
      expect(await checkout.confirmations.applyStripeEvent(ctx, event)).toBe('duplicate');
      expect((await checkout.lifecycle.getOrder(ctx, orderId)).status).toBe('placed');
      expect((await placedEvents(ctx)).map((e) => e.event_type)).toEqual(['order.placed']);
      // A second, distinct event for the same intent finds the order no longer waiting.
      const failed = intentEvent('payment_intent.payment_failed', await referenceOf(ctx, orderId), orderId);
      expect(await checkout.confirmations.applyStripeEvent(ctx, await verifiedStripeEvent(checkout.gateways.settings, ctx, failed, signed(failed)))).toBe('ignored');
      expect((await checkout.lifecycle.getOrder(ctx, orderId)).status).toBe('placed');
    });

    it('ignores an event naming an order whose payment is another intent', async () => {
      const { ctx, orderId } = await awaitingOrder();
      const payload = intentEvent('payment_intent.payment_failed', 'pi_SomeoneElses', orderId);
      expect(await checkout.confirmations.applyStripeEvent(ctx, await verifiedStripeEvent(checkout.gateways.settings, ctx, payload, signed(payload)))).toBe('ignored');
      expect((await checkout.lifecycle.getOrder(ctx, orderId)).status).toBe('awaiting_payment');
    });
  });
});
