import type { TenantContext } from '@storefront/contracts';
import type { TenancyServices } from '@storefront/tenancy';
import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { randomUUID } from 'node:crypto';
import { createTestCheckout, orderCount, orderInput, seedVariant } from '../../testing';
import { PaymentTimeoutError } from '../checkout-errors';
import { FlashSaleGate } from '../stock/flash-sale.gate';
import { CartQuotes } from './cart-quotes';

/** Selling rules written straight into the tenant's tables (the merchant API's own spec covers its validation). */
async function sql<T = unknown>(tenancy: TenancyServices, ctx: TenantContext, text: string, params: unknown[] = []): Promise<T[]> {
  return tenancy.unitOfWork.run(ctx, (tx) => tx.query<T[]>(text, params));
}

async function seedGermany(tenancy: TenancyServices, ctx: TenantContext): Promise<{ zoneId: string; methodId: string }> {
  await sql(tenancy, ctx, 'UPDATE store_settings SET prices_include_tax = true');
  const [zone] = await sql<{ id: string }>(tenancy, ctx, `INSERT INTO shipping_zones (name, countries, shipping_taxable) VALUES ('Germany', '{DE}', true) RETURNING id`);
  await sql(tenancy, ctx, `INSERT INTO tax_rates (zone_id, category, rate_ppm, label) VALUES ($1, 'standard', 190000, 'VAT 19%'), ($1, 'reduced', 70000, 'VAT 7%')`, [zone!.id]);
  const [method] = await sql<{ id: string }>(tenancy, ctx, `INSERT INTO shipping_methods (zone_id, name, rate, free_over_amount) VALUES ($1, 'DHL', '{"kind":"flat","amount":490}', 5000) RETURNING id`, [
    zone!.id,
  ]);
  return { zoneId: zone!.id, methodId: method!.id };
}

async function seedCode(tenancy: TenancyServices, ctx: TenantContext, code: string, fields: { usageLimit?: number; perCustomerLimit?: number; endsAt?: Date } = {}): Promise<void> {
  await sql(tenancy, ctx, `INSERT INTO discount_codes (code, kind, percent_bp, usage_limit, per_customer_limit, ends_at) VALUES ($1, 'percent', 1000, $2, $3, $4)`, [
    code,
    fields.usageLimit ?? null,
    fields.perCustomerLimit ?? null,
    fields.endsAt ?? null,
  ]);
}

const ADDRESS_DE = { name: 'Ada', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' };

describe('selling rules at checkout', () => {
  const env = useTestTenancy({ poolSize: 20 });
  let checkout: ReturnType<typeof createTestCheckout>;

  beforeAll(() => {
    checkout = createTestCheckout(env.tenancy, env.redis);
  });

  it('charges the breakdown (promotion, code, shipping, VAT) and keeps it on the order', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const { methodId } = await seedGermany(env.tenancy, ctx);
    const tee = await seedVariant(env.tenancy, ctx, { price: 1_499, stock: 10 });
    const book = await seedVariant(env.tenancy, ctx, { price: 1_200, stock: 10 });
    await sql(env.tenancy, ctx, `UPDATE products SET tax_category = 'reduced' WHERE id = (SELECT product_id FROM variants WHERE sku = $1)`, [book]);
    await seedCode(env.tenancy, ctx, 'WELCOME10');

    const quote = await new CartQuotes(env.tenancy.unitOfWork).quote(ctx, {
      lines: [{ sku: tee, quantity: 2 }, { sku: book, quantity: 1 }],
      destination: { country: 'DE', postalCode: '10117' },
      discountCode: 'welcome10',
    });
    expect(quote.shippingMethods).toEqual([{ methodId, name: 'DHL', amount: 490 }]);

    const placed = await checkout.placeOrder.placeOrder(
      ctx,
      orderInput([{ sku: tee, quantity: 2 }, { sku: book, quantity: 1 }], { shippingAddress: ADDRESS_DE, discountCode: 'welcome10', customerId: randomUUID() }),
    );
    // 4198 - 10% (420, shared 300/120) = 3778, + 490 shipping = 4268; VAT inside: 2698 x 19/119 = 431, 1080 x 7/107 = 71, 490 x 19/119 = 78
    expect(placed).toMatchObject({ statusCode: 201, body: { total: { amount: 4268, currency: 'EUR' } } });
    expect(quote.totals.total).toBe(4268);
    const order = await checkout.lifecycle.getOrder(ctx, (placed.body as { orderId: string }).orderId);
    expect(order).toMatchObject({ subtotal: { amount: 4198 }, discount: { amount: 420 }, shipping: { amount: 490 }, tax: { amount: 580 }, total: { amount: 4268 } });
    expect(order.payment!.amount.amount).toBe(4268);
    expect(order.totals!.taxes).toEqual([
      { label: 'VAT 19%', ratePpm: 190_000, amount: 509 },
      { label: 'VAT 7%', ratePpm: 70_000, amount: 71 },
    ]);
    // A code without a total limit keeps no counter: its redemptions are the count.
    expect(await sql(env.tenancy, ctx, 'SELECT count(*)::int AS uses FROM discount_redemptions')).toEqual([{ uses: 1 }]);
  });

  it('200 concurrent checkouts with a code limited to 50 uses: exactly 50 discounted orders', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    await seedGermany(env.tenancy, ctx);
    const sku = await seedVariant(env.tenancy, ctx, { price: 1_000, stock: 1_000 });
    await seedCode(env.tenancy, ctx, 'FIFTY', { usageLimit: 50 });
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { shippingAddress: ADDRESS_DE, discountCode: 'FIFTY', customerId: randomUUID() }), randomUUID()),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(50);
    expect(answers.filter((answer) => answer.statusCode === 409).map((answer) => (answer.body as { code: string }).code)).toEqual(Array(150).fill('code_used_up'));
    const [counted] = await sql<{ discounted: number; uses: number; redemptions: number }>(
      env.tenancy,
      ctx,
      `SELECT (SELECT count(*)::int FROM orders WHERE discount_code = 'FIFTY') AS discounted, (SELECT times_used FROM discount_codes) AS uses,
              (SELECT count(*)::int FROM discount_redemptions) AS redemptions`,
    );
    expect(counted).toEqual({ discounted: 50, uses: 50, redemptions: 50 });
  });

  it('a per-customer limit of 1 holds for one shopper in two browsers at once, and for a guest by email', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    await seedGermany(env.tenancy, ctx);
    const sku = await seedVariant(env.tenancy, ctx, { price: 1_000, stock: 100 });
    await seedCode(env.tenancy, ctx, 'ONCE', { perCustomerLimit: 1 });
    const customerId = randomUUID();
    const twoBrowsers = await Promise.all(
      [1, 2].map(() => checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { shippingAddress: ADDRESS_DE, discountCode: 'ONCE', customerId }), randomUUID())),
    );
    expect(twoBrowsers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);

    const guest = (email: string) => checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { shippingAddress: ADDRESS_DE, discountCode: 'ONCE', email }));
    expect((await guest('Grace@Example.com')).statusCode).toBe(201);
    expect(await guest('grace@example.com ')).toMatchObject({ statusCode: 409, body: { code: 'code_used_up', details: [{ field: 'discountCode' }] } });
    const anonymous = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { shippingAddress: ADDRESS_DE, discountCode: 'ONCE' }));
    expect(anonymous).toMatchObject({ statusCode: 400, body: { details: [{ field: 'email' }] } });
  });

  it('refuses an unknown code, another store\u2019s code, an ended code and an address outside every zone, writing no order', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const other = await provisionTestTenant(env.tenancy);
    await seedGermany(env.tenancy, ctx);
    await seedCode(env.tenancy, other.ctx, 'THEIRS');
    await seedCode(env.tenancy, ctx, 'OVER', { endsAt: new Date(Date.now() - 60_000) });
    const sku = await seedVariant(env.tenancy, ctx, { price: 1_000, stock: 5 });
    const attempt = (fields: Parameters<typeof orderInput>[1]) => checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { shippingAddress: ADDRESS_DE, ...fields }));

    expect(await attempt({ discountCode: 'NOSUCH' })).toMatchObject({ statusCode: 404, body: { code: 'code_not_found', details: [{ field: 'discountCode' }] } });
    expect(await attempt({ discountCode: 'THEIRS' })).toMatchObject({ statusCode: 404, body: { code: 'code_not_found' } });
    expect(await attempt({ discountCode: 'OVER' })).toMatchObject({ statusCode: 409, body: { code: 'code_not_active', details: [{ field: 'discountCode' }] } });
    expect(await attempt({ shippingAddress: { ...ADDRESS_DE, country: 'FR', postalCode: '75001' } })).toMatchObject({
      statusCode: 409,
      body: { code: 'no_shipping_to_address', details: [{ field: 'shippingAddress.country' }] },
    });
    expect(await attempt({ shippingMethodId: randomUUID() })).toMatchObject({ statusCode: 409, body: { code: 'shipping_method_unavailable' } });
    expect(await orderCount(env.tenancy, ctx)).toBe(0);
  });

  it('a retry of a request whose payment is in doubt keeps its one use of a per-customer code and its sale units', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    await seedGermany(env.tenancy, ctx);
    const sku = await seedVariant(env.tenancy, ctx, { price: 1_000, stock: 5 });
    await seedCode(env.tenancy, ctx, 'ONCE', { perCustomerLimit: 1, usageLimit: 10 });
    const [sale] = await sql<{ id: string }>(env.tenancy, ctx, `INSERT INTO sales (name, starts_at, ends_at, per_customer_limit) VALUES ('Now', now() - interval '1 hour', now() + interval '1 hour', 1) RETURNING id`);
    await sql(env.tenancy, ctx, 'INSERT INTO sale_prices (sale_id, variant_id, sale_amount, stock_cap) SELECT $1, id, 800, 1 FROM variants WHERE sku = $2', [sale!.id, sku]);
    const input = orderInput([{ sku, quantity: 1 }], { shippingAddress: ADDRESS_DE, discountCode: 'ONCE', customerId: randomUUID(), paymentToken: 'tok_timeout' });
    const key = randomUUID();
    await expect(checkout.placeOrder.placeOrder(ctx, input, key)).rejects.toBeInstanceOf(PaymentTimeoutError);
    await expect(checkout.placeOrder.placeOrder(ctx, input, key)).rejects.toBeInstanceOf(PaymentTimeoutError);
    expect(await sql(env.tenancy, ctx, 'SELECT (SELECT times_used FROM discount_codes) AS uses, (SELECT sold FROM sale_prices) AS sold, (SELECT count(*)::int FROM sale_purchases) AS purchases')).toEqual([
      { uses: 1, sold: 1, purchases: 1 },
    ]);
  });

  it('an order cancelled while awaiting its payment gives its code use and sale units back', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    await seedCode(env.tenancy, ctx, 'LIMITED', { usageLimit: 5 });
    const [order] = await sql<{ id: string }>(
      env.tenancy,
      ctx,
      `INSERT INTO orders (status, currency, subtotal_amount, total_amount, shipping_address, payment_method) VALUES ('awaiting_payment', 'EUR', 1000, 900, '{}', 'stripe') RETURNING id`,
    );
    await sql(env.tenancy, ctx, `INSERT INTO discount_redemptions (code_id, order_id, customer_key) SELECT id, $1, 'customer:x' FROM discount_codes`, [order!.id]);
    await sql(env.tenancy, ctx, 'UPDATE discount_codes SET times_used = 1');
    await sql(env.tenancy, ctx, `UPDATE orders SET status = 'cancelled' WHERE id = $1`, [order!.id]);
    expect(await sql(env.tenancy, ctx, 'SELECT times_used, (SELECT count(*)::int FROM discount_redemptions) AS redemptions FROM discount_codes')).toEqual([{ times_used: 0, redemptions: 0 }]);
  });

  it('a declined payment gives the code use back', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    await seedGermany(env.tenancy, ctx);
    const sku = await seedVariant(env.tenancy, ctx, { price: 1_000, stock: 5 });
    await seedCode(env.tenancy, ctx, 'SINGLE', { usageLimit: 1 });
    const declined = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { shippingAddress: ADDRESS_DE, discountCode: 'SINGLE', paymentToken: 'tok_decline' }));
    expect(declined.statusCode).toBe(402);
    expect(await sql(env.tenancy, ctx, 'SELECT times_used, (SELECT count(*)::int FROM discount_redemptions) AS redemptions FROM discount_codes')).toEqual([{ times_used: 0, redemptions: 0 }]);
    expect((await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { shippingAddress: ADDRESS_DE, discountCode: 'SINGLE' }))).statusCode).toBe(201);
  });
});

describe('a scheduled sale on a controllable clock', () => {
  const env = useTestTenancy({ poolSize: 10 });
  let now = new Date('2026-11-27T08:00:00Z');
  let checkout: ReturnType<typeof createTestCheckout>;

  beforeAll(() => {
    checkout = createTestCheckout(env.tenancy, env.redis, { clock: () => now });
  });

  it('regular price before the start, sale price and per-customer limit during it, regular again after the end', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { price: 2_000, stock: 50 });
    const [sale] = await sql<{ id: string }>(env.tenancy, ctx, `INSERT INTO sales (name, starts_at, ends_at, per_customer_limit) VALUES ('Black Friday', $1, $2, 2) RETURNING id`, [
      new Date('2026-11-27T09:00:00Z'),
      new Date('2026-11-28T00:00:00Z'),
    ]);
    await sql(env.tenancy, ctx, `INSERT INTO sale_prices (sale_id, variant_id, sale_amount, stock_cap) SELECT $1, id, 1500, 3 FROM variants WHERE sku = $2`, [sale!.id, sku]);
    const customerId = randomUUID();
    const buy = (quantity: number, customer = customerId) => checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity }], { customerId: customer }));
    const gate = () => env.redis.get(FlashSaleGate.keyOf(ctx, sku));

    expect(await buy(1)).toMatchObject({ statusCode: 201, body: { total: { amount: 2_000 } } });
    expect(await gate()).toBe('off');

    now = new Date('2026-11-27T09:00:00Z');
    await checkout.flashGate.forget(ctx, [sku]); // what the entry's expiry does within its TTL
    expect(await buy(3)).toMatchObject({ statusCode: 400, body: { details: [{ field: 'lines.0.quantity', message: 'at most 2 per customer in this sale' }] } });
    expect(await buy(2)).toMatchObject({ statusCode: 201, body: { total: { amount: 3_000 } } });
    expect(Number(await gate())).toBeGreaterThan(0); // the flash-sale gate is armed for the sale
    expect(await buy(1)).toMatchObject({ statusCode: 400 });
    // The stock cap: one unit left at the sale price for everyone else.
    expect(await buy(2, randomUUID())).toMatchObject({ statusCode: 409, body: { code: 'price_changed' } });
    expect(await buy(1, randomUUID())).toMatchObject({ statusCode: 201, body: { total: { amount: 1_500 } } });
    expect(await buy(1, randomUUID())).toMatchObject({ statusCode: 201, body: { total: { amount: 2_000 } } });

    now = new Date('2026-11-28T00:00:00Z');
    expect(await buy(3)).toMatchObject({ statusCode: 201, body: { total: { amount: 6_000 } } });
  });
});
