import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import type { TenantContext } from '@storefront/contracts';
import { createTestCheckout, orderInput, seedVariant, stockOf } from '../../testing';
import { InvalidOrderError, OrderNotFoundError, OrderStateError, RefundPendingError } from '../checkout-errors';
import { isTimeZoneName } from './time-zone';

describe('order lifecycle', () => {
  const env = useTestTenancy();
  let checkout: ReturnType<typeof createTestCheckout>;

  beforeAll(() => {
    checkout = createTestCheckout(env.tenancy, env.redis);
  });

  async function placed(ctx: TenantContext, sku: string, quantity = 2, paymentMethod = 'test-card'): Promise<string> {
    const response = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity }], { paymentMethod }));
    expect(response.statusCode).toBe(201);
    return (response.body as { orderId: string }).orderId;
  }

  const eventsOf = async (tenantId: string) =>
    (await env.clusters.primary.query('SELECT event_type FROM platform.outbox WHERE tenant_id = $1 ORDER BY seq', [tenantId])).map(
      (row: { event_type: string }) => row.event_type,
    );

  it('fulfils a placed order once', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const orderId = await placed(ctx, await seedVariant(env.tenancy, ctx, { stock: 5 }));
    expect((await checkout.lifecycle.fulfil(ctx, orderId)).status).toBe('fulfilled');
    await expect(checkout.lifecycle.fulfil(ctx, orderId)).rejects.toBeInstanceOf(OrderStateError);
    expect(await eventsOf(ctx.tenantId)).toEqual(['order.placed', 'order.fulfilled']);
  });

  it('cancels a placed order: the stock returns and the captured payment is refunded', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 5, price: 700 });
    const orderId = await placed(ctx, sku, 2);
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(3);
    const cancelled = await checkout.lifecycle.cancel(ctx, orderId);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.payment).toMatchObject({ status: 'refunded', refunded: { amount: 1_400, currency: 'EUR' } });
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(5);
    await expect(checkout.lifecycle.cancel(ctx, orderId)).rejects.toBeInstanceOf(OrderStateError);
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(5);
  });

  it('voids a cash-on-delivery payment on cancel and refuses to refund money never taken', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 5 });
    const refundable = await placed(ctx, sku, 1, 'cod');
    await expect(checkout.lifecycle.refund(ctx, refundable)).rejects.toBeInstanceOf(OrderStateError);
    expect((await checkout.lifecycle.cancel(ctx, refundable)).payment?.status).toBe('voided');
  });

  it("asks the gateway outside the order's row lock; a refund it did not confirm stays pending and the same call finishes it once", async () => {
    // A gateway given two seconds: long enough to look at the order while it is being asked.
    const slowGateway = createTestCheckout(env.tenancy, env.redis, { paymentTimeoutMs: 2_000 });
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 5, price: 900 });
    const placedOrder = await slowGateway.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { paymentToken: 'tok_slow_refund' }));
    const orderId = (placedOrder.body as { orderId: string }).orderId;

    const cancelling = slowGateway.lifecycle.cancel(ctx, orderId);
    cancelling.catch(() => undefined);
    const paymentStatus = async () => (await slowGateway.lifecycle.getOrder(ctx, orderId)).payment?.status;
    while ((await paymentStatus()) !== 'refund_pending') await new Promise((resolve) => setTimeout(resolve, 10));
    // The gateway is being asked now, and the order row is free: another transaction locks it at once.
    const locked = await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE NOWAIT', [orderId]));
    expect(locked).toHaveLength(1);
    await expect(slowGateway.lifecycle.fulfil(ctx, orderId)).rejects.toBeInstanceOf(OrderStateError);
    await expect(slowGateway.lifecycle.refund(ctx, orderId)).rejects.toThrow('is being cancelled; it cannot become refunded');

    await expect(cancelling).rejects.toBeInstanceOf(RefundPendingError);
    expect(await slowGateway.lifecycle.getOrder(ctx, orderId)).toMatchObject({ status: 'placed', payment: { status: 'refund_pending', refundPendingFor: 'cancelled' } });
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(4);

    const cancelled = await slowGateway.lifecycle.cancel(ctx, orderId);
    expect(cancelled).toMatchObject({ status: 'cancelled', payment: { status: 'refunded', refunded: { amount: 900, currency: 'EUR' } } });
    expect(cancelled.payment).not.toHaveProperty('refundPendingFor');
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(5);
    expect(await eventsOf(ctx.tenantId)).toEqual(['order.placed', 'order.cancelled']);
  });

  it('refunds a fulfilled order through its gateway without restocking', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 5 });
    const orderId = await placed(ctx, sku, 1);
    await checkout.lifecycle.fulfil(ctx, orderId);
    const refunded = await checkout.lifecycle.refund(ctx, orderId);
    expect(refunded).toMatchObject({ status: 'refunded', payment: { status: 'refunded' } });
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(4);
    expect(await eventsOf(ctx.tenantId)).toEqual(['order.placed', 'order.fulfilled', 'order.refunded']);
  });

  it("answers not found for another tenant's order id", async () => {
    const a = await provisionTestTenant(env.tenancy);
    const b = await provisionTestTenant(env.tenancy);
    const orderId = await placed(a.ctx, await seedVariant(env.tenancy, a.ctx, { stock: 5 }));
    await expect(checkout.lifecycle.getOrder(b.ctx, orderId)).rejects.toBeInstanceOf(OrderNotFoundError);
    await expect(checkout.lifecycle.cancel(b.ctx, orderId)).rejects.toBeInstanceOf(OrderNotFoundError);
    await expect(checkout.lifecycle.getOrder(b.ctx, 'not-a-uuid')).rejects.toBeInstanceOf(OrderNotFoundError);
    expect((await checkout.lifecycle.getOrder(a.ctx, orderId)).status).toBe('placed');
  });

  it("lists a shopper's purchase history, newest first", async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 5 });
    const customerId = '00000000-0000-4000-8000-000000000001';
    const first = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { customerId }));
    const second = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { customerId }));
    await placed(ctx, sku, 1);
    const history = await checkout.lifecycle.listOrders(ctx, { customerId });
    expect(history.map((o) => o.id)).toEqual([(second.body as { orderId: string }).orderId, (first.body as { orderId: string }).orderId]);
    expect(await checkout.lifecycle.listOrders(ctx)).toHaveLength(3);
  });

  it('keeps each status change in the order history, in order, after the placing', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const orderId = await placed(ctx, await seedVariant(env.tenancy, ctx, { stock: 5 }));
    const fresh = await checkout.lifecycle.getOrder(ctx, orderId);
    expect(fresh.history).toEqual([{ from: null, to: 'placed', at: fresh.placedAt }]);
    await checkout.lifecycle.fulfil(ctx, orderId);
    const refunded = await checkout.lifecycle.refund(ctx, orderId);
    expect(refunded.history.map((h) => [h.from, h.to])).toEqual([
      [null, 'placed'],
      ['placed', 'fulfilled'],
      ['fulfilled', 'refunded'],
    ]);
    expect(Date.parse(refunded.history[2]!.at)).toBeGreaterThanOrEqual(Date.parse(refunded.history[1]!.at));

    // A change made by plain SQL (as the previous release would, during an upgrade) is recorded too;
    // a write that leaves the status as it is adds nothing.
    const other = await placed(ctx, await seedVariant(env.tenancy, ctx, { stock: 5 }));
    await env.tenancy.unitOfWork.run(ctx, async (tx) => {
      await tx.query(`UPDATE orders SET status = 'cancelled' WHERE id = $1`, [other]);
      await tx.query(`UPDATE orders SET status = 'cancelled', updated_at = now() WHERE id = $1`, [other]);
    });
    expect((await checkout.lifecycle.getOrder(ctx, other)).history.map((h) => [h.from, h.to])).toEqual([
      [null, 'placed'],
      ['placed', 'cancelled'],
    ]);
  });

  it('filters by status and counts all matching orders for paging', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 10 });
    const ids = [await placed(ctx, sku, 1), await placed(ctx, sku, 1), await placed(ctx, sku, 1)];
    await checkout.lifecycle.fulfil(ctx, ids[0]!);
    expect(await checkout.lifecycle.pageOfOrders(ctx, { status: 'placed', limit: 1 })).toEqual({ items: [expect.objectContaining({ id: ids[2] })], total: 2 });
    expect(await checkout.lifecycle.pageOfOrders(ctx, { status: 'placed', limit: 1, offset: 1 })).toEqual({ items: [expect.objectContaining({ id: ids[1] })], total: 2 });
    expect((await checkout.lifecycle.pageOfOrders(ctx, { status: 'fulfilled' })).items.map((o) => o.id)).toEqual([ids[0]]);
    expect((await checkout.lifecycle.pageOfOrders(ctx, { status: 'refunded' })).total).toBe(0);
  });

  describe("today's summary", () => {
    /** Moves an order to an instant given as SQL (evaluated in the tenant's transaction). */
    const placeAt = (ctx: TenantContext, orderId: string, instantSql: string, zone: string) =>
      env.tenancy.unitOfWork.run(ctx, (tx) => tx.query(`UPDATE orders SET placed_at = ${instantSql} WHERE id = $1`, [orderId, zone]));
    // $2 is the zone: the first and last minutes of today there, and the last minute of yesterday.
    const localMidnight = `(date_trunc('day', now() AT TIME ZONE $2) AT TIME ZONE $2)`;

    it('counts the orders between local midnights of the asked time zone, whatever UTC says', async () => {
      const { ctx } = await provisionTestTenant(env.tenancy);
      const sku = await seedVariant(env.tenancy, ctx, { stock: 20, price: 1_000 });
      const zone = 'Pacific/Kiritimati'; // UTC+14: its day starts ten hours before UTC's day ends
      const firstMinute = await placed(ctx, sku, 1);
      const lastMinuteYesterday = await placed(ctx, sku, 2);
      const lastMinuteToday = await placed(ctx, sku, 3);
      await placeAt(ctx, firstMinute, `${localMidnight} + interval '1 minute'`, zone);
      await placeAt(ctx, lastMinuteYesterday, `${localMidnight} - interval '1 minute'`, zone);
      await placeAt(ctx, lastMinuteToday, `${localMidnight} + interval '1 day' - interval '1 minute'`, zone);

      const summary = await checkout.lifecycle.summaryOfToday(ctx, zone);
      expect(summary).toMatchObject({ timeZone: zone, orders: 2, revenue: [{ amount: 4_000, currency: 'EUR' }] });
      expect(summary.byStatus).toEqual({ awaiting_payment: 0, placed: 2, fulfilled: 0, cancelled: 0, refunded: 0 });
      // The day's bounds are the zone's midnights: 14 hours before UTC's.
      expect(new Date(summary.from).getUTCHours()).toBe(10);
      expect(Date.parse(summary.to) - Date.parse(summary.from)).toBe(24 * 3_600_000);
      const localDate = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
      expect(summary.date).toBe(localDate);
    });

    it('gives a daylight-saving day its 23 or 25 hours, and a late-evening order to the local day', async () => {
      const { ctx } = await provisionTestTenant(env.tenancy);
      // Berlin moved its clocks on 30 March (forward) and 26 October 2025 (back).
      const spring = await checkout.lifecycle.summaryOfToday(ctx, 'Europe/Berlin', new Date('2025-03-30T12:00:00Z'));
      expect(spring).toMatchObject({ date: '2025-03-30', from: '2025-03-29T23:00:00.000Z', to: '2025-03-30T22:00:00.000Z' });
      const autumn = await checkout.lifecycle.summaryOfToday(ctx, 'Europe/Berlin', new Date('2025-10-26T12:00:00Z'));
      expect(autumn).toMatchObject({ date: '2025-10-26', from: '2025-10-25T22:00:00.000Z', to: '2025-10-26T23:00:00.000Z' });
      // 23:30 UTC on 1 July is already 2 July in Berlin, still 1 July in New York.
      const lateUtc = new Date('2025-07-01T23:30:00Z');
      expect((await checkout.lifecycle.summaryOfToday(ctx, 'Europe/Berlin', lateUtc)).date).toBe('2025-07-02');
      expect((await checkout.lifecycle.summaryOfToday(ctx, 'America/New_York', lateUtc)).date).toBe('2025-07-01');
    });

    it('sums revenue per currency over the orders that stand; cancelled and refunded ones are counted apart', async () => {
      const { ctx } = await provisionTestTenant(env.tenancy);
      const eur = await seedVariant(env.tenancy, ctx, { stock: 20, price: 1_000, currency: 'EUR' });
      const usd = await seedVariant(env.tenancy, ctx, { stock: 20, price: 700, currency: 'USD' });
      const kept = await placed(ctx, eur, 2);
      await checkout.lifecycle.fulfil(ctx, kept);
      await placed(ctx, eur, 1);
      await placed(ctx, usd, 3);
      await checkout.lifecycle.cancel(ctx, await placed(ctx, eur, 5));
      await checkout.lifecycle.refund(ctx, await placed(ctx, usd, 1));

      const summary = await checkout.lifecycle.summaryOfToday(ctx, 'UTC');
      expect(summary.orders).toBe(5);
      expect(summary.byStatus).toEqual({ awaiting_payment: 0, placed: 2, fulfilled: 1, cancelled: 1, refunded: 1 });
      expect(summary.revenue).toEqual([
        { amount: 3_000, currency: 'EUR' },
        { amount: 2_100, currency: 'USD' },
      ]);
      const other = await provisionTestTenant(env.tenancy);
      expect(await checkout.lifecycle.summaryOfToday(other.ctx, 'UTC')).toMatchObject({ orders: 0, revenue: [] });
    });

    it('accepts IANA names only, and refuses a zone PostgreSQL does not know', async () => {
      expect(['Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'].filter(isTimeZoneName)).toHaveLength(4);
      expect(['+01:00', 'Mars/Olympus_Mons', "UTC'; DROP TABLE orders; --", '', 'Europe/'].filter(isTimeZoneName)).toEqual([]);
      const { ctx } = await provisionTestTenant(env.tenancy);
      await expect(checkout.lifecycle.summaryOfToday(ctx, 'Mars/Olympus_Mons')).rejects.toBeInstanceOf(InvalidOrderError);
    });
  });
});
