import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { randomUUID } from 'node:crypto';
import { abandonReservation, createTestCheckout, orderCount, orderInput, seedVariant, stockOf } from '../../testing';
import { IdempotencyKeyReusedError, PaymentTimeoutError } from '../checkout-errors';
import { ExpiredReservationsSweeper } from '../stock/expired-reservations.sweeper';
import { FlashSaleGate } from '../stock/flash-sale.gate';

describe('place order', () => {
  const env = useTestTenancy({ poolSize: 20 });
  let checkout: ReturnType<typeof createTestCheckout>;

  beforeAll(() => {
    checkout = createTestCheckout(env.tenancy, env.redis);
  });

  const outboxEvents = (tenantId: string) =>
    env.clusters.primary.query('SELECT event_type, payload FROM platform.outbox WHERE tenant_id = $1 ORDER BY seq', [tenantId]);

  it('prices lines from the catalog, takes the stock, and writes order, payment and order.placed together', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const hat = await seedVariant(env.tenancy, ctx, { price: 1_250, stock: 5 });
    const scarf = await seedVariant(env.tenancy, ctx, { price: 800, stock: 2 });
    const response = await checkout.placeOrder.placeOrder(
      ctx,
      orderInput([{ sku: hat, quantity: 2, expectedUnitPrice: { amount: 1_250, currency: 'EUR' } }, { sku: scarf, quantity: 1 }], {
        customerId: randomUUID(),
      }),
    );
    expect(response).toMatchObject({ statusCode: 201, body: { status: 'placed', total: { amount: 3_300, currency: 'EUR' } } });
    const { orderId } = response.body as { orderId: string };
    expect([await stockOf(env.tenancy, ctx, hat), await stockOf(env.tenancy, ctx, scarf)]).toEqual([3, 1]);

    const order = await checkout.lifecycle.getOrder(ctx, orderId);
    expect(order.lines.map((l) => [l.sku, l.quantity, l.unitPrice.amount])).toEqual([
      [hat, 2, 1_250],
      [scarf, 1, 800],
    ]);
    expect(order.payment).toMatchObject({ method: 'test-card', status: 'captured', amount: { amount: 3_300, currency: 'EUR' } });
    expect(await outboxEvents(ctx.tenantId)).toEqual([
      { event_type: 'order.placed', payload: expect.objectContaining({ orderId, total: { amount: 3_300, currency: 'EUR' } }) },
    ]);
    const reservations = await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query('SELECT * FROM stock_reservations'));
    expect(reservations).toEqual([]);
  });

  it('refuses a changed price, an unknown SKU and an unknown payment method without taking stock', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { price: 1_000, stock: 3 });
    const changed = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1, expectedUnitPrice: { amount: 900, currency: 'EUR' } }]));
    expect(changed).toMatchObject({
      statusCode: 409,
      body: { code: 'price_changed', details: [{ field: 'lines.0.expectedUnitPrice', message: 'the price is now 1000 EUR' }] },
    });
    const unknown = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }, { sku: 'NOPE', quantity: 1 }]));
    expect(unknown).toMatchObject({ statusCode: 400, body: { details: [{ field: 'lines.1.sku', message: 'unknown SKU NOPE' }] } });
    const method = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { paymentMethod: 'bitcoin' }));
    expect(method).toMatchObject({ statusCode: 400, body: { details: [{ field: 'paymentMethod' }] } });
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(3);
    expect(await orderCount(env.tenancy, ctx)).toBe(0);
  });

  it.each([false, true])('answers 402 for a declined card and gives the stock back (flash sale: %s)', async (flashSale) => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 1, flashSale });
    const declined = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { paymentToken: 'tok_decline' }));
    expect(declined).toMatchObject({ statusCode: 402, body: { error: 'Payment Required', code: 'payment_declined' } });
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(1);
    expect(await orderCount(env.tenancy, ctx)).toBe(0);
    expect(await outboxEvents(ctx.tenantId)).toEqual([]);
    // The unit is really back: the next buyer gets it.
    expect((await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }]))).statusCode).toBe(201);
  });

  it('answers 504 when the gateway does not answer, gives the stock back and lets the same key retry', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 1 });
    const key = randomUUID();
    const input = orderInput([{ sku, quantity: 1 }], { paymentToken: 'tok_timeout' });
    await expect(checkout.placeOrder.placeOrder(ctx, input, key)).rejects.toBeInstanceOf(PaymentTimeoutError);
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(1);
    expect(await orderCount(env.tenancy, ctx)).toBe(0);
    await expect(checkout.placeOrder.placeOrder(ctx, input, key)).rejects.toBeInstanceOf(PaymentTimeoutError);
    // Both calls were one payment attempt, still unresolved: the retry resumed it, under its gateway key.
    const attempts = await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query<{ status: string }[]>('SELECT status FROM payment_attempts'));
    expect(attempts).toEqual([{ status: 'started' }]);
  });

  it('records every payment attempt with its outcome: placed with its order, declined, and a new one per unkeyed call', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 5 });
    const placed = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }]), randomUUID());
    const declinedKey = randomUUID();
    const declined = orderInput([{ sku, quantity: 1 }], { paymentToken: 'tok_decline' });
    expect((await checkout.placeOrder.placeOrder(ctx, declined, declinedKey)).statusCode).toBe(402);
    expect((await checkout.placeOrder.placeOrder(ctx, declined, declinedKey)).statusCode).toBe(402);
    await expect(checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { paymentToken: 'tok_timeout' }))).rejects.toBeInstanceOf(PaymentTimeoutError);
    await expect(checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { paymentToken: 'tok_timeout' }))).rejects.toBeInstanceOf(PaymentTimeoutError);
    const attempts = await env.tenancy.unitOfWork.run(ctx, (tx) =>
      tx.query<{ status: string; order_id: string | null; amount: string }[]>('SELECT status, order_id, amount FROM payment_attempts ORDER BY created_at, status'),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual(['declined', 'placed', 'started', 'started']);
    expect(attempts.find((a) => a.status === 'placed')).toMatchObject({ order_id: (placed.body as { orderId: string }).orderId, amount: '1000' });
  });

  it('takes cash on delivery as a pending payment', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 1 });
    const response = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { paymentMethod: 'cod', paymentToken: undefined }));
    const order = await checkout.lifecycle.getOrder(ctx, (response.body as { orderId: string }).orderId);
    expect(order.payment).toMatchObject({ method: 'cod', status: 'pending' });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer for the same key and body, and refuses the key with another body', async () => {
      const { ctx } = await provisionTestTenant(env.tenancy);
      const sku = await seedVariant(env.tenancy, ctx, { stock: 5 });
      const key = randomUUID();
      const first = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }]), key);
      const again = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }]), key);
      expect(again).toEqual(first);
      await expect(checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 2 }]), key)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(await orderCount(env.tenancy, ctx)).toBe(1);
      expect(await stockOf(env.tenancy, ctx, sku)).toBe(4);
    });

    it('places exactly one order for 50 concurrent duplicates, which all get the same answer', async () => {
      const { ctx } = await provisionTestTenant(env.tenancy);
      const sku = await seedVariant(env.tenancy, ctx, { stock: 10 });
      const key = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }]), key)),
      );
      expect(answers[0]!.statusCode).toBe(201);
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(await orderCount(env.tenancy, ctx)).toBe(1);
      expect(await stockOf(env.tenancy, ctx, sku)).toBe(9);
    });

    it('replays a decline instead of charging again, and forgets a key after 24 hours', async () => {
      const { ctx } = await provisionTestTenant(env.tenancy);
      const sku = await seedVariant(env.tenancy, ctx, { stock: 1 });
      const key = randomUUID();
      const input = orderInput([{ sku, quantity: 1 }], { paymentToken: 'tok_decline' });
      const first = await checkout.placeOrder.placeOrder(ctx, input, key);
      expect(first.statusCode).toBe(402);
      expect(await checkout.placeOrder.placeOrder(ctx, input, key)).toEqual(first);

      await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second'`));
      const fresh = orderInput([{ sku, quantity: 1 }]);
      expect((await checkout.placeOrder.placeOrder(ctx, fresh, key)).statusCode).toBe(201);
    });
  });

  describe('1,000 concurrent buyers for 100 units', () => {
    it.each([
      ['the ordinary path', false],
      ['the flash-sale gate', true],
    ])('sells exactly 100 through %s and tells everyone else it is sold out', async (_path, flashSale) => {
      const { ctx } = await provisionTestTenant(env.tenancy);
      const sku = await seedVariant(env.tenancy, ctx, { stock: 100, flashSale });
      const answers = await Promise.all(
        Array.from({ length: 1_000 }, () => checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }]))),
      );
      const byStatus = answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.statusCode]: (acc[a.statusCode] ?? 0) + 1 }), {});
      expect(byStatus).toEqual({ 201: 100, 409: 900 });
      expect(answers.find((a) => a.statusCode === 409)!.body).toMatchObject({ code: 'sold_out', message: `${sku} is sold out` });
      expect(await stockOf(env.tenancy, ctx, sku)).toBe(0);
      expect(await orderCount(env.tenancy, ctx)).toBe(100);
      // The gate really decided (and agrees with PostgreSQL), or was bypassed for an ordinary SKU.
      expect(await env.redis.get(FlashSaleGate.keyOf(ctx, sku))).toBe(flashSale ? '0' : 'off');
    }, 180_000);
  });

  it('sweeps an expired reservation back into stock and lets the flash gate reload it', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 3, flashSale: true });
    expect((await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }]))).statusCode).toBe(201);
    await abandonReservation(env.tenancy, ctx, sku, 2);
    expect(await env.redis.get(FlashSaleGate.keyOf(ctx, sku))).toBe('2'); // the gate does not know yet

    const sweeper = new ExpiredReservationsSweeper(env.tenancy.unitOfWork, checkout.flashGate);
    expect(await sweeper.sweep(ctx)).toBe(2);
    expect(await sweeper.sweep(ctx)).toBe(0);
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(2);
    expect(await env.redis.get(FlashSaleGate.keyOf(ctx, sku))).toBeNull();
    expect((await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 2 }]))).statusCode).toBe(201);
  });

  it('gives back stock held by a crashed checkout once its reservation expires', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 1 });
    await abandonReservation(env.tenancy, ctx, sku, 1);
    expect((await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }]))).statusCode).toBe(201);
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(0);
  });
});
