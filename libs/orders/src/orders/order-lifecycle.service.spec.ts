import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import type { TenantContext } from '@storefront/contracts';
import { createTestCheckout, orderInput, seedVariant, stockOf } from '../../testing';
import { OrderNotFoundError, OrderStateError } from '../checkout-errors';

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
});
