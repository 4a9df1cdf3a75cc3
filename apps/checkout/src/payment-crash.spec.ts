import { SecretKeyring } from '@storefront/credentials';
import { seedVariant, startStripeFaultProxy, startStripeMock, STRIPE_TEST_KEYS, TEST_ADDRESS, type StripeFaultProxy, type StripeMockServer } from '@storefront/orders/testing';
import { ServiceTokens } from '@storefront/tenancy';
import { provisionTestTenantOnShard, useTestTenancy } from '@storefront/tenancy/testing';
import { until } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
import { CHECKOUT_START_TIMEOUT_MS, singleShardEnv, startCheckoutProcess } from '../test/checkout-process';

const SECRET = 'payment-crash-secret-of-at-least-32-bytes';

describe('checkout killed after Stripe took the charge and before the order was written', () => {
  const env = useTestTenancy();
  let stripeMock: StripeMockServer;
  let proxy: StripeFaultProxy;

  beforeAll(async () => {
    stripeMock = await startStripeMock();
    // Stripe takes the confirmation (the charge) and holds its answer until the test is over.
    proxy = await startStripeFaultProxy(stripeMock.url, { succeedPaymentIntents: true, delayFirstConfirmMs: 600_000 });
  }, 600_000);

  afterAll(async () => {
    await proxy?.close();
    await stripeMock?.stop();
  });

  it('ends, after a restart, with exactly one refund and no order: never a charge without either', async () => {
    const { ctx } = await provisionTestTenantOnShard(env.tenancy, 'checkout', 0);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 3, price: 2_000 });
    const base = await singleShardEnv(SECRET, { PLATFORM_SECRETS_KEYRING: SecretKeyring.generateSpec(), PLATFORM_STRIPE_API_URL: proxy.url });
    const attempts = () =>
      env.tenancy.unitOfWork.run(ctx, (tx) => tx.query<{ id: string; status: string; gateway_reference: string | null }[]>('SELECT id, status, gateway_reference FROM payment_attempts'));

    let checkout = await startCheckoutProcess({ ...base, PLATFORM_PAYMENT_TIMEOUT_MS: '60000', PLATFORM_IDEMPOTENCY_LEASE_SECONDS: '61', PLATFORM_PAYMENT_RECONCILE_AFTER_SECONDS: '62' });
    const tokens = new ServiceTokens(SECRET);
    // The merchant's own Stripe keys, through the shard's payment settings route.
    const settings = await fetch(`${checkout.url}/api/v1/payment-settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await tokens.sign('checkout', { kind: 'merchant', tenantId: ctx.tenantId, actor: 'crash-test' })}`, 'content-type': 'application/json' },
      body: JSON.stringify({ stripe: STRIPE_TEST_KEYS }),
    });
    expect(settings.status).toBe(200);
    const token = await tokens.sign('checkout', { kind: 'shopper', tenantId: ctx.tenantId });
    const placing = fetch(`${checkout.url}/api/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ lines: [{ sku, quantity: 1 }], paymentMethod: 'stripe', paymentToken: 'pm_card_visa', shippingAddress: TEST_ADDRESS }),
    }).catch(() => 'no answer');
    await until(async () => proxy.seen.some((request) => request.path.endsWith('/confirm')), 30_000, 'the confirmation at Stripe');
    await checkout.stop('SIGKILL');
    expect(await placing).toBe('no answer');
    const [left] = await attempts();
    expect(left).toMatchObject({ status: 'started', gateway_reference: expect.stringMatching(/^pi_/) });

    // Restarted with a short staleness: its housekeeping finds the attempt and settles it.
    checkout = await startCheckoutProcess({
      ...base,
      PLATFORM_PAYMENT_TIMEOUT_MS: '1000',
      PLATFORM_IDEMPOTENCY_LEASE_SECONDS: '2',
      PLATFORM_PAYMENT_RECONCILE_AFTER_SECONDS: '3',
      PLATFORM_HOUSEKEEPING_INTERVAL_SECONDS: '1',
    });
    try {
      await until(async () => (await attempts())[0]?.status === 'refunded', 30_000, 'the reconciler');
      const refunds = proxy.seen.filter((request) => request.method === 'POST' && request.path === '/v1/refunds');
      // The SDK may resend a refund, always under one key: Stripe refunds once.
      expect(new Set(refunds.map((request) => request.headers['idempotency-key']))).toEqual(new Set([`refund-payment-attempt-${left!.id}`]));
      const orders = await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query('SELECT id FROM orders'));
      expect(orders).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 2_500)); // two more housekeeping rounds
      expect(proxy.seen.filter((request) => request.path === '/v1/refunds')).toHaveLength(refunds.length);
    } finally {
      await checkout.stop();
    }
  }, 2 * CHECKOUT_START_TIMEOUT_MS + 120_000);
});
