import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { randomUUID } from 'node:crypto';
import { createTestCheckout, orderCount, orderInput, seedVariant, stockOf, STRIPE_TEST_KEYS } from '../../testing';
import { useStripeFaultProxy } from '../../test/stripe-fault-proxy';
import { PaymentTimeoutError } from '../checkout-errors';

const GATEWAY_TIMEOUT_MS = 500;

describe('a checkout retried after the payment gateway timed out', () => {
  const env = useTestTenancy();
  // Stripe takes the first charge but answers only after checkout stopped waiting.
  const stripe = useStripeFaultProxy({ succeedPaymentIntents: true, delayFirstConfirmMs: 3 * GATEWAY_TIMEOUT_MS });
  let checkout: ReturnType<typeof createTestCheckout>;

  beforeAll(() => {
    checkout = createTestCheckout(env.tenancy, env.redis, { paymentTimeoutMs: GATEWAY_TIMEOUT_MS, stripeApiUrl: stripe.proxy.url });
  });

  const attemptsOf = (ctx: Parameters<typeof stockOf>[1]) =>
    env.tenancy.unitOfWork.run(ctx, (tx) => tx.query<{ status: string; order_id: string | null }[]>('SELECT status, order_id FROM payment_attempts'));

  it('charges once under one gateway key and places one order for one Idempotency-Key', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    await checkout.paymentSettings.update(ctx, { stripe: STRIPE_TEST_KEYS });
    const sku = await seedVariant(env.tenancy, ctx, { stock: 3, price: 4_200 });
    const key = randomUUID();
    const input = orderInput([{ sku, quantity: 1 }], { paymentMethod: 'stripe', paymentToken: 'pm_card_visa' });

    await expect(checkout.placeOrder.placeOrder(ctx, input, key)).rejects.toBeInstanceOf(PaymentTimeoutError);
    expect(await attemptsOf(ctx)).toEqual([{ status: 'started', order_id: null }]); // the outcome is unknown, and said so

    const retried = await checkout.placeOrder.placeOrder(ctx, input, key);
    expect(retried).toMatchObject({ statusCode: 201, body: { status: 'placed', total: { amount: 4_200, currency: 'EUR' } } });

    const keysOf = (confirm: boolean) =>
      new Set(stripe.proxy.seen.filter((r) => r.method === 'POST' && r.path.endsWith('/confirm') === confirm && r.path.startsWith('/v1/payment_intents')).map((r) => r.headers['idempotency-key']));
    expect(stripe.proxy.seen.filter((r) => r.path.endsWith('/confirm')).length).toBeGreaterThanOrEqual(2);
    // One key per step for both calls: Stripe answers the retry with the first intent and its
    // first confirmation, no second charge.
    expect([keysOf(false).size, keysOf(true).size]).toEqual([1, 1]);
    expect(await orderCount(env.tenancy, ctx)).toBe(1);
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(2);
    expect(await attemptsOf(ctx)).toEqual([{ status: 'placed', order_id: (retried.body as { orderId: string }).orderId }]);
  });
});
