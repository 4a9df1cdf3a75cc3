import type { TenantContext } from '@storefront/contracts';
import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { randomUUID } from 'node:crypto';
import { createTestCheckout, orderCount, orderInput, seedVariant } from '../../testing';
import { PaymentTimeoutError, RefundPendingError } from '../checkout-errors';
import { gatewayKeyOf, PaymentAttempts } from './payment-attempts';
import { PaymentReconciler } from './payment-reconciler';

describe('payment reconciler', () => {
  const env = useTestTenancy();
  let checkout: ReturnType<typeof createTestCheckout>;
  let reconciler: PaymentReconciler;

  beforeAll(() => {
    checkout = createTestCheckout(env.tenancy, env.redis);
    reconciler = new PaymentReconciler(env.tenancy.unitOfWork, checkout.gateways, checkout.lifecycle, { staleAfterSeconds: 60 });
  });

  /** Ages every unresolved attempt and payment past the reconciler's staleness. */
  const ageAll = (ctx: TenantContext) =>
    env.tenancy.unitOfWork.run(ctx, async (tx) => {
      await tx.query(`UPDATE payment_attempts SET updated_at = now() - interval '1 hour'`);
      await tx.query(`UPDATE payments SET updated_at = now() - interval '1 hour'`);
    });
  const attempts = (ctx: TenantContext) =>
    env.tenancy.unitOfWork.run(ctx, (tx) => tx.query<{ id: string; status: string; gateway_reference: string | null }[]>('SELECT id, status, gateway_reference FROM payment_attempts'));

  it('refunds, exactly once, a charge whose process died before writing its order', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    // What place-order does up to the crash: the attempt recorded, then the gateway charged.
    const attempt = await env.tenancy.unitOfWork.run(ctx, (tx) =>
      new PaymentAttempts().open(tx, { requestKey: randomUUID(), requestHash: 'h', method: 'test-card', amount: 1_500, currency: 'EUR' }),
    );
    const charge = await checkout.gateways.charge(ctx, 'test-card', { amount: 1_500, currency: 'EUR', token: 'tok_success', idempotencyKey: attempt.gatewayKey, description: 'x' });

    expect(await reconciler.reconcile(ctx)).toEqual({ refunded: 0, abandoned: 0, refundsFinished: 0 }); // not stale yet
    await ageAll(ctx);
    expect(await reconciler.reconcile(ctx)).toEqual({ refunded: 1, abandoned: 0, refundsFinished: 0 });
    expect(await attempts(ctx)).toEqual([{ id: attempt.id, status: 'refunded', gateway_reference: `test_re_refund-${gatewayKeyOf(attempt.id)}` }]);
    expect(charge.reference).toMatch(/^test_ch_/);
    await ageAll(ctx);
    expect(await reconciler.reconcile(ctx)).toEqual({ refunded: 0, abandoned: 0, refundsFinished: 0 });
  });

  it('closes an attempt that never charged, after which a retry of its request starts afresh', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 2 });
    const key = randomUUID();
    const input = orderInput([{ sku, quantity: 1 }], { paymentToken: 'tok_timeout' });
    await expect(checkout.placeOrder.placeOrder(ctx, input, key)).rejects.toBeInstanceOf(PaymentTimeoutError);
    await ageAll(ctx);
    expect(await reconciler.reconcile(ctx)).toEqual({ refunded: 0, abandoned: 1, refundsFinished: 0 });
    await expect(checkout.placeOrder.placeOrder(ctx, input, key)).rejects.toBeInstanceOf(PaymentTimeoutError);
    expect((await attempts(ctx)).map((a) => a.status).sort()).toEqual(['abandoned', 'started']);
    expect(await orderCount(env.tenancy, ctx)).toBe(0);
  });

  it('finishes a cancellation whose refund the gateway never confirmed', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 2 });
    const placed = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { paymentToken: 'tok_slow_refund' }));
    const orderId = (placed.body as { orderId: string }).orderId;
    await expect(checkout.lifecycle.cancel(ctx, orderId)).rejects.toBeInstanceOf(RefundPendingError);
    await ageAll(ctx);
    expect(await reconciler.reconcile(ctx)).toEqual({ refunded: 0, abandoned: 0, refundsFinished: 1 });
    expect(await checkout.lifecycle.getOrder(ctx, orderId)).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
  });
});
