import { CATALOG_ENTITIES, ProductService, recordCatalogChangesInOutbox, StockService } from '@storefront/catalog';
import type { TenantContext } from '@storefront/contracts';
import type { DatabaseClusters } from '@storefront/database';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@storefront/notifications';
import { EVENTS_QUEUE, OutboxRelay, shardQueuePrefix, type RelayedEventJob } from '@storefront/outbox';
import { ServiceTokens, type TenancyServices, type TenantPrincipal } from '@storefront/tenancy';
import { createTestTenancy, provisionTestTenant } from '@storefront/tenancy/testing';
import { createTestClusters, type ServiceProcess, testServiceDatabaseUrl } from '@storefront/testing';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import {
  addCustomer,
  addWebhookEndpoint,
  nameStore,
  placeOrder,
  redisOnDatabase,
  until,
  startTestSmtpServer,
  startWebhookReceiver,
  type TestSmtpServer,
} from '@storefront/notifications/testing';
import { startNotificationsProcess } from '../test/notifications-process';

const SECRET = 'notifications-test-secret-of-32-bytes-at-least';
const REDIS_DATABASE = 7;

describe('notifications service, two shards as processes', () => {
  let clusters: DatabaseClusters;
  let redis: Redis;
  let queueRedis: Redis;
  let tenancy: TenancyServices;
  let relay: OutboxRelay;
  let smtp: TestSmtpServer;
  let env: (shard: number) => Record<string, string>;
  const shards: ServiceProcess[] = [];
  const tokens = new ServiceTokens(SECRET);

  beforeAll(async () => {
    // The catalog's entities: a test changes products through the catalog's own services.
    clusters = await createTestClusters({ tenantEntities: CATALOG_ENTITIES });
    redis = redisOnDatabase(REDIS_DATABASE);
    queueRedis = redisOnDatabase(REDIS_DATABASE, null);
    await redis.flushdb();
    tenancy = createTestTenancy({ clusters, redis });
    smtp = await startTestSmtpServer();
    relay = new OutboxRelay({ clusters, connection: queueRedis, idleMs: 20 });
    relay.start();
    const databaseUrl = await testServiceDatabaseUrl();
    const redisUrl = new URL(process.env.TEST_REDIS_URL!);
    redisUrl.pathname = `/${REDIS_DATABASE}`;
    env = (shard) => ({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl.toString(),
      PLATFORM_DOMAIN: 'shop.test',
      PLATFORM_SHARD_ID: String(shard),
      PLATFORM_NOTIFICATIONS_SHARDS: '2',
      PLATFORM_SERVICE_TOKEN_SECRET: SECRET,
      PLATFORM_SHARD_URL_TEMPLATE: 'http://notifications-{shard}.notifications:8080',
      PLATFORM_SMTP_URL: smtp.url,
      PLATFORM_NOTIFICATIONS_MAX_ATTEMPTS: '3',
      PLATFORM_NOTIFICATIONS_RETRY_BASE_MS: '50',
      PLATFORM_NOTIFICATIONS_JOB_LOCK_MS: '4000',
      PLATFORM_DB_POOL_SIZE: '5',
      PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
    });
    shards.push(...(await Promise.all([0, 1].map((shard) => startNotificationsProcess(env(shard))))));
  });

  afterAll(async () => {
    await Promise.all(shards.map((shard) => shard.stop()));
    await relay.stop();
    await smtp.close();
    await clusters.destroy();
    redis.disconnect();
    queueRedis.disconnect();
  });

  async function tenantOn(shard: number, storeName: string): Promise<TenantContext> {
    const { ctx } = await provisionTestTenant(tenancy);
    if ((await tenancy.shards.shardOf(ctx.tenantId, 'notifications')) !== shard) await tenancy.shards.move(ctx.tenantId, 'notifications', shard, 'test');
    await nameStore(tenancy, ctx, storeName);
    return ctx;
  }

  /** By default the feed is called as a shopper (the storefront) and the rest as a merchant. */
  async function call(shard: number, path: string, options: { tenantId: string; as?: 'shopper' | 'merchant'; customerId?: string; body?: unknown; method?: string }) {
    const kind = options.as ?? (path.startsWith('/api/v1/notifications/feed') ? 'shopper' : 'merchant');
    const { tenantId } = options;
    const principal: TenantPrincipal =
      kind === 'merchant' ? { kind, tenantId, actor: 'merchant-account' } : { kind, tenantId, ...(options.customerId ? { customerId: options.customerId } : {}) };
    const token = await tokens.sign('notifications', principal);
    const response = await fetch(`${shards[shard]!.url}${path}`, {
      method: options.method ?? (options.body !== undefined ? 'POST' : 'GET'),
      headers: { authorization: `Bearer ${token}`, ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { items: Record<string, unknown>[] } };
  }

  const emailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));

  it("emails a placed order and shows it in the merchant's delivery log and the customer's feed", async () => {
    const ctx = await tenantOn(0, 'Zeta Goods');
    const customer = await addCustomer(tenancy, ctx);
    await placeOrder(tenancy, redis, ctx, { customerId: customer.id, products: [{ title: 'Zeta Mug', price: 1_200, quantity: 3 }] });
    const mail = await until(async () => emailsTo(customer.email)[0], 20_000, 'the order email');
    expect(mail.html).toContain('Zeta Goods');
    expect(mail.html).toContain('3 × €12.00');

    const log = await until(async () => {
      const answer = await call(0, '/api/v1/notifications/deliveries?status=sent', { tenantId: ctx.tenantId });
      return answer.body.items.length > 0 ? answer : undefined;
    });
    expect(log.body.items).toEqual([expect.objectContaining({ channel: 'email', recipient: customer.email, status: 'sent', eventType: 'order.placed' })]);
    const detail = await call(0, `/api/v1/notifications/deliveries/${log.body.items[0]!.id}`, { tenantId: ctx.tenantId });
    expect(detail.body).toMatchObject({ attempts: 1, attemptLog: [{ attempt: 1, outcome: 'sent', responseStatus: 250 }] });

    const feed = await call(0, '/api/v1/notifications/feed', { tenantId: ctx.tenantId, customerId: customer.id });
    expect(feed.body.items).toEqual([expect.objectContaining({ title: mail.subject, readAt: null })]);
    expect((await call(0, `/api/v1/notifications/feed/${feed.body.items[0]!.id}/read`, { tenantId: ctx.tenantId, customerId: customer.id, method: 'POST' })).status).toBe(204);
    expect((await call(0, '/api/v1/notifications/feed', { tenantId: ctx.tenantId })).status).toBe(401);
    expect((await call(0, '/api/v1/notifications/feed', { tenantId: ctx.tenantId, as: 'merchant' })).status).toBe(403);

    // A shopper's token, even a signed-in one, never reads the store's delivery log or replays it.
    const asShopper = { tenantId: ctx.tenantId, as: 'shopper' as const, customerId: customer.id };
    expect((await call(0, '/api/v1/notifications/deliveries', asShopper)).status).toBe(403);
    expect((await call(0, `/api/v1/notifications/deliveries/${log.body.items[0]!.id}/replay`, { ...asShopper, method: 'POST' })).status).toBe(403);
    expect((await call(0, '/api/v1/notifications/preview', { ...asShopper, body: { event: 'order.placed', channel: 'email' } })).status).toBe(403);

    const metrics = await (await fetch(`${shards[0]!.url}/metrics`)).text();
    expect(metrics).toMatch(/notifications_delivery_attempts_total\{channel="email",outcome="sent",service="notifications",shard="0"\} [1-9]/);
    expect(metrics).toMatch(/notifications_queue_jobs\{queue="deliveries",state="failed",service="notifications",shard="0"\} \d+/);

    const stranger = await tenantOn(0, 'Stranger Shop');
    expect((await call(0, `/api/v1/notifications/deliveries/${log.body.items[0]!.id}`, { tenantId: stranger.tenantId })).status).toBe(404);
    expect((await call(0, `/api/v1/notifications/deliveries/${log.body.items[0]!.id}/replay`, { tenantId: ctx.tenantId, method: 'POST' })).status).toBe(409);
  });

  it("previews a merchant's draft in the store's branding, escaping what the merchant wrote", async () => {
    const ctx = await tenantOn(1, 'Preview & Co');
    const preview = await call(1, '/api/v1/notifications/preview', {
      tenantId: ctx.tenantId,
      body: { event: 'order.placed', channel: 'email', draft: { subject: 'Order {{order.id}} <3', body: 'Hi <script>alert(1)</script>\n\n{{order.items}}' } },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('Order 00000000-0000-4000-8000-000000000001 <3');
    expect(preview.body.html).toContain('Preview &amp; Co');
    expect(preview.body.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(preview.body.html).not.toContain('<script>');
    expect(preview.body.html).toContain('Classic T-shirt (M, Blue)');
    expect(preview.body.text).toContain('Hi <script>alert(1)</script>');

    const fallback = await call(1, '/api/v1/notifications/preview', { tenantId: ctx.tenantId, body: { event: 'order.fulfilled', channel: 'sms' } });
    expect(fallback.body).toEqual({ subject: null, html: null, text: 'Preview & Co: your order #1001 has shipped.' });
    const invalid = await call(1, '/api/v1/notifications/preview', { tenantId: ctx.tenantId, body: { event: 'order.lost', channel: 'fax' } });
    expect(invalid.status).toBe(400);
    expect((invalid.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['channel', 'event']);
  });

  it('answers 421 naming the right shard for a store of the other shard', async () => {
    const ctx = await tenantOn(0, 'Misrouted');
    const answer = await call(1, '/api/v1/notifications/deliveries', { tenantId: ctx.tenantId });
    expect(answer).toMatchObject({ status: 421, body: { details: [{ field: 'shard', message: '0' }, { field: 'shardUrl', message: 'http://notifications-0.notifications:8080' }] } });
  });

  it('sends one email when the shard is killed mid-send and restarted, and a republished event adds none', async () => {
    const ctx = await tenantOn(1, 'Crashy Crafts');
    const customer = await addCustomer(tenancy, ctx);
    let killed = false;
    smtp.onMessage = async (rcpt) => {
      if (killed || !rcpt.includes(customer.email)) return;
      killed = true;
      // The shard dies while the SMTP server holds its answer: the message was never accepted.
      await shards[1]!.stop('SIGKILL');
      throw new Error('client gone');
    };
    try {
      await placeOrder(tenancy, redis, ctx, { customerId: customer.id });
      await until(async () => killed, 20_000, 'the first send attempt');
      expect(emailsTo(customer.email)).toHaveLength(0);
      shards[1] = await startNotificationsProcess(env(1));
      await until(async () => emailsTo(customer.email)[0], 30_000, 'the email after the restart');

      // The relay publishing the event again (as after its own crash) must not email twice.
      const queue = new Queue<RelayedEventJob>(EVENTS_QUEUE, { connection: queueRedis, prefix: shardQueuePrefix('notifications', 1) });
      try {
        const [original] = (await queue.getJobs(['completed'], 0, 1000)).filter((job) => job.data.tenant.tenantId === ctx.tenantId);
        const again = await queue.add('order.placed', original!.data, { jobId: `${original!.id}-again`, priority: 1 });
        await until(async () => (await again.getState()) === 'completed', 20_000, 'the republished event');
        expect(await again.getState()).toBe('completed');
      } finally {
        await queue.close();
      }
      await new Promise((r) => setTimeout(r, 500));
      expect(emailsTo(customer.email)).toHaveLength(1);
    } finally {
      smtp.onMessage = undefined;
    }
  });

  it("shows a platform admin the shard's dead letters across stores and replays one; a store's token gets 401", async () => {
    const ctx = await tenantOn(0, 'Hooked Goods');
    let healthy = false;
    const receiver = await startWebhookReceiver(() => (healthy ? 200 : 500));
    try {
      await addWebhookEndpoint(tenancy, ctx, receiver.url);
      await placeOrder(tenancy, redis, ctx);
      const admin = async (path: string, method = 'GET') => {
        const token = await tokens.signAdmin('notifications', 'admin@platform.test');
        const response = await fetch(`${shards[0]!.url}/api/v1/admin/notifications/dead-letters${path}`, { method, headers: { authorization: `Bearer ${token}` } });
        return { status: response.status, body: (await response.json()) as { items: { jobId: string; tenantId: string }[] } & Record<string, unknown> };
      };
      const letter = await until(async () => (await admin('')).body.items.find((item) => item.tenantId === ctx.tenantId), 20_000, 'the dead letter');
      expect(letter).toMatchObject({ channel: 'webhook', attempts: 3, reason: 'endpoint answered 500' });
      const asStore = await call(0, '/api/v1/admin/notifications/dead-letters', { tenantId: ctx.tenantId });
      expect(asStore.status).toBe(401);

      healthy = true;
      expect((await admin(`/${letter.jobId}/replay`, 'POST')).status).toBe(202);
      await until(async () => (await call(0, '/api/v1/notifications/deliveries?status=sent', { tenantId: ctx.tenantId })).body.items.length === 1, 20_000, 'the replayed webhook');
      expect(receiver.calls.map((c) => c.answeredWith)).toEqual([500, 500, 500, 200]);
      expect((await admin(`/${letter.jobId}/replay`, 'POST')).status).toBe(404);
    } finally {
      await receiver.close();
    }
  });

  it('calls a webhook subscribed to product.updated and stock.adjusted with the event as stored, signed; nothing for events it did not choose, and no email', async () => {
    const ctx = await tenantOn(1, 'Catalog Hooks');
    const receiver = await startWebhookReceiver(() => 200);
    try {
      const endpoint = await addWebhookEndpoint(tenancy, ctx, receiver.url, ['product.updated', 'stock.adjusted']);
      // The catalog's own services, writing their events to the outbox as the platform API does.
      const products = new ProductService(tenancy.unitOfWork, recordCatalogChangesInOutbox);
      const product = await products.create(ctx, {
        title: 'Hooked Hat',
        price: { amount: 2_500, currency: 'EUR' },
        options: [],
        variants: [{ sku: `HAT-${ctx.tenantId.slice(0, 8)}`, options: {}, stock: 5 }],
      });
      await products.update(ctx, product.id, { title: 'Hooked Hat, renamed' });
      const bodyOf = async (type: string) => receiver.calls.map((c) => JSON.parse(c.body) as Record<string, unknown>).find((body) => body.type === type);
      const updated = await until(() => bodyOf('product.updated'), 20_000, 'the product.updated webhook');
      expect(updated).toEqual({ id: expect.any(String), type: 'product.updated', createdAt: expect.any(String), data: { productId: product.id } });
      const signed = receiver.calls.find((c) => c.body.includes('"product.updated"'))!;
      const now = Math.floor(Date.now() / 1000);
      expect(signed.headers['x-storefront-event']).toBe('product.updated');
      expect(verifyWebhookSignature(endpoint.secret, signed.body, String(signed.headers[WEBHOOK_SIGNATURE_HEADER]), now)).toBe(true);
      expect(verifyWebhookSignature('whsec_wrong', signed.body, String(signed.headers[WEBHOOK_SIGNATURE_HEADER]), now)).toBe(false);

      const variantId = product.variants[0]!.id;
      await new StockService(tenancy.unitOfWork, recordCatalogChangesInOutbox).adjust(ctx, variantId, { delta: -2, reason: 'damaged' }, 'merchant@example.com');
      const adjusted = await until(() => bodyOf('stock.adjusted'), 20_000, 'the stock.adjusted webhook');
      expect(adjusted.data).toEqual({ productId: product.id, variantId });

      // product.created came first, but the endpoint did not subscribe to it; catalog events email nobody.
      const log = await call(1, '/api/v1/notifications/deliveries', { tenantId: ctx.tenantId });
      expect(log.body.items.map((d) => [d.channel, d.eventType]).sort()).toEqual([
        ['webhook', 'product.updated'],
        ['webhook', 'stock.adjusted'],
      ]);
      expect(receiver.calls.map((c) => JSON.parse(c.body).type).sort()).toEqual(['product.updated', 'stock.adjusted']);
    } finally {
      await receiver.close();
    }
  });
});
