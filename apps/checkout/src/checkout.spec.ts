import { seedVariant, stockOf, TEST_ADDRESS } from '@storefront/orders/testing';
import { ServiceTokens, shopperTokenKeyFor, type TenantPrincipal } from '@storefront/tenancy';
import { SignJWT } from 'jose';
import { provisionTestTenantOnShard, useTestTenancy } from '@storefront/tenancy/testing';
import { testRedisUrl, testServiceDatabaseUrl } from '@storefront/testing';
import type { TenantContext } from '@storefront/contracts';
import { randomUUID } from 'node:crypto';
import { CHECKOUT_START_TIMEOUT_MS, startCheckoutProcess, type CheckoutProcess } from '../test/checkout-process';

const SECRET = 'checkout-test-secret-of-at-least-32-bytes';

describe('checkout service, two shards side by side', () => {
  const env = useTestTenancy();
  const shards: CheckoutProcess[] = [];
  const tokens = new ServiceTokens(SECRET);

  beforeAll(async () => {
    const databaseUrl = await testServiceDatabaseUrl();
    shards.push(
      ...(await Promise.all(
        [0, 1].map((shard) =>
          startCheckoutProcess({
            DATABASE_URL: databaseUrl,
            REDIS_URL: testRedisUrl(),
            PLATFORM_SHARD_ID: String(shard),
            PLATFORM_CHECKOUT_SHARDS: '2',
            PLATFORM_SERVICE_TOKEN_SECRET: SECRET,
            PLATFORM_SHARD_URL_TEMPLATE: 'http://checkout-{shard}.checkout:8080',
            PLATFORM_PAYMENT_TIMEOUT_MS: '300',
            PLATFORM_DB_POOL_SIZE: '10',
          }),
        ),
      )),
    );
  }, CHECKOUT_START_TIMEOUT_MS + 10_000);

  afterAll(() => Promise.all(shards.map((shard) => shard.stop())));

  /** A provisioned tenant pinned to `shard`, with one SKU on sale. */
  async function tenantOn(shard: number, stock = 10, flashSale = false): Promise<{ ctx: TenantContext; sku: string }> {
    const { ctx } = await provisionTestTenantOnShard(env.tenancy, 'checkout', shard);
    return { ctx, sku: await seedVariant(env.tenancy, ctx, { stock, flashSale, price: 2_500 }) };
  }

  interface CallOptions {
    tenantId?: string;
    /** Who the token speaks for; by default a shopper places orders and a merchant does the rest. */
    as?: 'shopper' | 'merchant';
    customerId?: string;
    body?: unknown;
    key?: string;
    method?: string;
    headers?: Record<string, string>;
  }

  function principalFor(path: string, tenantId: string, options: CallOptions): TenantPrincipal {
    const placing = path === '/api/v1/orders' && options.body !== undefined;
    const kind = options.as ?? (placing ? 'shopper' : 'merchant');
    if (kind === 'merchant') return { kind, tenantId, actor: 'merchant-account' };
    return { kind, tenantId, ...(options.customerId ? { customerId: options.customerId } : {}) };
  }

  async function call(shard: number, path: string, options: CallOptions = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.tenantId) headers.authorization = `Bearer ${await tokens.sign('checkout', principalFor(path, options.tenantId, options))}`;
    if (options.key) headers['idempotency-key'] = options.key;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${shards[shard]!.url}${path}`, {
      method: options.method ?? (options.body !== undefined ? 'POST' : 'GET'),
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
  }

  const order = (sku: string, paymentToken = 'tok_success', quantity = 1) => ({
    lines: [{ sku, quantity }],
    paymentMethod: 'test-card',
    paymentToken,
    shippingAddress: TEST_ADDRESS,
  });

  it('places an order for a tenant vouched for by a service token, and shows it back', async () => {
    const { ctx, sku } = await tenantOn(0);
    const placed = await call(0, '/api/v1/orders', { tenantId: ctx.tenantId, body: order(sku, 'tok_success', 2), key: randomUUID() });
    expect(placed).toMatchObject({ status: 201, body: { status: 'placed', total: { amount: 5_000, currency: 'EUR' } } });
    const shown = await call(0, `/api/v1/orders/${placed.body.orderId}`, { tenantId: ctx.tenantId });
    expect(shown.body).toMatchObject({ id: placed.body.orderId, status: 'placed', lines: [{ sku, quantity: 2 }] });
    expect((await call(0, '/api/v1/orders', { tenantId: ctx.tenantId })).body.items).toHaveLength(1);
  });

  it('refuses a request without a valid service token, whatever tenant header it carries', async () => {
    const { ctx, sku } = await tenantOn(0);
    const bare = await call(0, '/api/v1/orders', { body: order(sku), headers: { 'x-tenant-id': ctx.tenantId } });
    expect(bare).toMatchObject({ status: 401, body: { statusCode: 401, error: 'Unauthorized' } });
    const forged = await new ServiceTokens('a-different-secret-that-is-32-bytes-long').sign('checkout', { kind: 'shopper', tenantId: ctx.tenantId });
    const wrong = await call(0, '/api/v1/orders', { body: order(sku), headers: { authorization: `Bearer ${forged}` } });
    expect(wrong.status).toBe(401);
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(10);
  });

  it('answers 404 for a tenant the registry does not know and 503 for a suspended store', async () => {
    expect((await call(0, '/api/v1/orders', { tenantId: randomUUID() })).status).toBe(404);
    const { ctx } = await tenantOn(0);
    await env.tenancy.registry.setStatus(ctx.tenantId, 'suspended', 'test');
    expect(await call(0, '/api/v1/orders', { tenantId: ctx.tenantId })).toMatchObject({ status: 503, body: { message: 'this store is suspended' } });
  });

  it('answers 421 naming the right shard for a tenant of the other shard; each shard serves only its own', async () => {
    const zero = await tenantOn(0);
    const one = await tenantOn(1);
    const misrouted = await call(1, '/api/v1/orders', { tenantId: zero.ctx.tenantId, body: order(zero.sku) });
    expect(misrouted).toMatchObject({
      status: 421,
      body: {
        statusCode: 421,
        message: 'this store is served by checkout shard 0, not 1',
        details: [
          { field: 'shard', message: '0' },
          { field: 'shardUrl', message: 'http://checkout-0.checkout:8080' },
        ],
      },
    });
    expect(misrouted.headers.get('x-checkout-shard')).toBe('0');
    expect((await call(0, '/api/v1/orders', { tenantId: one.ctx.tenantId, body: order(one.sku) })).status).toBe(421);

    expect((await call(0, '/api/v1/orders', { tenantId: zero.ctx.tenantId, body: order(zero.sku) })).status).toBe(201);
    expect((await call(1, '/api/v1/orders', { tenantId: one.ctx.tenantId, body: order(one.sku) })).status).toBe(201);
    expect([await stockOf(env.tenancy, zero.ctx, zero.sku), await stockOf(env.tenancy, one.ctx, one.sku)]).toEqual([9, 9]);
  });

  it('answers 402 for a declined card and 504 for a gateway timeout, with the stock back each time', async () => {
    const { ctx, sku } = await tenantOn(1, 1);
    const declined = await call(1, '/api/v1/orders', { tenantId: ctx.tenantId, body: order(sku, 'tok_decline'), key: randomUUID() });
    expect(declined).toMatchObject({ status: 402, body: { statusCode: 402, error: 'Payment Required', code: 'payment_declined' } });
    const timedOut = await call(1, '/api/v1/orders', { tenantId: ctx.tenantId, body: order(sku, 'tok_timeout'), key: randomUUID() });
    expect(timedOut).toMatchObject({ status: 504, body: { statusCode: 504, error: 'Gateway Timeout', code: 'payment_timeout' } });
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(1);
    expect((await call(1, '/api/v1/orders', { tenantId: ctx.tenantId })).body.items).toEqual([]);
    const metrics = await (await fetch(`${shards[1]!.url}/metrics`)).text();
    expect(metrics).toMatch(/checkout_place_order_total\{status="402",service="checkout",shard="1"\} [1-9]/);
    expect(metrics).toMatch(/checkout_place_order_total\{status="504",service="checkout",shard="1"\} [1-9]/);
  });

  it('answers 50 concurrent requests with one Idempotency-Key with one order and 50 identical answers', async () => {
    const { ctx, sku } = await tenantOn(0);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 50 }, () => call(0, '/api/v1/orders', { tenantId: ctx.tenantId, body: order(sku), key })));
    expect(answers[0]!.status).toBe(201);
    for (const answer of answers) expect({ status: answer.status, body: answer.body }).toEqual({ status: 201, body: answers[0]!.body });
    expect((await call(0, '/api/v1/orders', { tenantId: ctx.tenantId })).body.items).toHaveLength(1);

    const reused = await call(0, '/api/v1/orders', { tenantId: ctx.tenantId, body: order(sku, 'tok_success', 3), key });
    expect(reused).toMatchObject({ status: 409, body: { code: 'idempotency_key_reused' } });
  });

  it('sells 100 units to 1,000 concurrent flash-sale buyers and tells the rest it is sold out', async () => {
    const { ctx, sku } = await tenantOn(1, 100, true);
    const answers = await Promise.all(Array.from({ length: 1_000 }, () => call(1, '/api/v1/orders', { tenantId: ctx.tenantId, body: order(sku) })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(100);
    const losers = answers.filter((a) => a.status !== 201);
    expect(losers).toHaveLength(900);
    for (const loser of losers) expect(loser).toMatchObject({ status: 409, body: { code: 'sold_out', message: `${sku} is sold out` } });
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(0);
  }, 180_000);

  it('lets the merchant API fulfil and then refund an order, and refuses a second fulfilment', async () => {
    const { ctx, sku } = await tenantOn(1);
    const placed = await call(1, '/api/v1/orders', { tenantId: ctx.tenantId, body: order(sku) });
    const path = `/api/v1/orders/${placed.body.orderId}`;
    expect(await call(1, `${path}/fulfil`, { tenantId: ctx.tenantId, method: 'POST' })).toMatchObject({ status: 200, body: { status: 'fulfilled' } });
    expect(await call(1, `${path}/fulfil`, { tenantId: ctx.tenantId, method: 'POST' })).toMatchObject({
      status: 409,
      body: { code: 'invalid_order_state' },
    });
    expect(await call(1, `${path}/refund`, { tenantId: ctx.tenantId, method: 'POST' })).toMatchObject({
      status: 200,
      body: { status: 'refunded', payment: { status: 'refunded', refunded: { amount: 2_500, currency: 'EUR' } } },
    });
  });

  it('names every invalid field, and answers 404 for an order of another tenant', async () => {
    const a = await tenantOn(0);
    const b = await tenantOn(0);
    const invalid = await call(0, '/api/v1/orders', {
      tenantId: a.ctx.tenantId,
      body: { lines: [{ sku: a.sku, quantity: 0 }], paymentMethod: 'test-card', shippingAddress: { ...TEST_ADDRESS, country: 'Germany' } },
    });
    expect(invalid.status).toBe(400);
    expect((invalid.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['lines.0.quantity', 'shippingAddress.country']);

    const placed = await call(0, '/api/v1/orders', { tenantId: a.ctx.tenantId, body: order(a.sku) });
    const foreign = await call(0, `/api/v1/orders/${placed.body.orderId}`, { tenantId: b.ctx.tenantId });
    expect(foreign).toMatchObject({ status: 404, body: { code: 'order_not_found' } });
    const cancelForeign = await call(0, `/api/v1/orders/${placed.body.orderId}/cancel`, { tenantId: b.ctx.tenantId, method: 'POST' });
    expect(cancelForeign.status).toBe(404);
    const cancelled = await call(0, `/api/v1/orders/${placed.body.orderId}/cancel`, { tenantId: a.ctx.tenantId, method: 'POST' });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(await stockOf(env.tenancy, a.ctx, a.sku)).toBe(10);
  });

  it("refuses a shopper's token on the merchant routes and a merchant's token on placing an order, with 403", async () => {
    const { ctx, sku } = await tenantOn(0);
    const placed = await call(0, '/api/v1/orders', { tenantId: ctx.tenantId, body: order(sku) });
    const path = `/api/v1/orders/${placed.body.orderId}`;
    for (const action of ['fulfil', 'cancel', 'refund']) {
      const answer = await call(0, `${path}/${action}`, { tenantId: ctx.tenantId, as: 'shopper', customerId: randomUUID(), method: 'POST' });
      expect(answer).toMatchObject({ status: 403, body: { message: 'this route does not serve shopper tokens' } });
    }
    expect((await call(0, '/api/v1/orders/summary', { tenantId: ctx.tenantId, as: 'shopper' })).status).toBe(403);
    expect((await call(0, '/api/v1/orders', { tenantId: ctx.tenantId, as: 'merchant', body: order(sku) })).status).toBe(403);
    expect(await call(0, path, { tenantId: ctx.tenantId })).toMatchObject({ status: 200, body: { status: 'placed' } });
  });

  it("lists a shopper's own orders only, whatever customer the query names, and none for a guest", async () => {
    const { ctx, sku } = await tenantOn(1);
    const [alice, bob] = [randomUUID(), randomUUID()];
    await call(1, '/api/v1/orders', { tenantId: ctx.tenantId, customerId: alice, body: { ...order(sku), customerId: alice } });
    await call(1, '/api/v1/orders', { tenantId: ctx.tenantId, customerId: bob, body: { ...order(sku), customerId: bob } });
    const bobAsksForAlice = await call(1, `/api/v1/orders?customerId=${alice}`, { tenantId: ctx.tenantId, as: 'shopper', customerId: bob });
    expect((bobAsksForAlice.body.items as { customerId: string }[]).map((item) => item.customerId)).toEqual([bob]);
    expect((await call(1, `/api/v1/orders?customerId=${alice}`, { tenantId: ctx.tenantId, as: 'shopper' })).status).toBe(403);
    expect((await call(1, `/api/v1/orders?customerId=${alice}`, { tenantId: ctx.tenantId })).body.items).toHaveLength(1);
  });

  it("answers 401 to a token a storefront pod of store A forges for store B or for A's merchant", async () => {
    const a = await tenantOn(0);
    const b = await tenantOn(0);
    const keyOfA = Buffer.from(shopperTokenKeyFor(SECRET, a.ctx.tenantId), 'base64url');
    const forge = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('storefront-platform').setAudience('checkout').setIssuedAt().setExpirationTime('60s').sign(keyOfA);
    const forB = await forge({ knd: 'shopper', tid: b.ctx.tenantId });
    const asMerchantOfA = await forge({ knd: 'merchant', tid: a.ctx.tenantId, act: 'attacker' });
    expect((await call(0, '/api/v1/orders', { body: order(b.sku), headers: { authorization: `Bearer ${forB}` } })).status).toBe(401);
    expect((await call(0, '/api/v1/orders', { headers: { authorization: `Bearer ${asMerchantOfA}` } })).status).toBe(401);
    expect(await stockOf(env.tenancy, b.ctx, b.sku)).toBe(10);
  });
});
