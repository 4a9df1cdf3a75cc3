import type { TenantContext } from '@storefront/contracts';
import type { DatabaseClusters } from '@storefront/database';
import { OutboxRelay } from '@storefront/outbox';
import { PasswordHasher } from '@storefront/credentials';
import { CustomerService, SHOPPING_ENTITIES } from '@storefront/shopping';
import { serializeTenantContext, tenantContextFor, type TenancyServices } from '@storefront/tenancy';
import { createTestTenancy, provisionTestTenant } from '@storefront/tenancy/testing';
import { createTestClusters } from '@storefront/testing';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import {
  addCustomer,
  appendEvent,
  addWebhookEndpoint,
  nameStore,
  placeOrder,
  redisOnDatabase,
  until,
  startTestSmtpServer,
  type TestSmtpServer,
  startWebhookReceiver,
  startTestDnsServer,
  type TestDnsServer,
  workersOfBothShards,
} from '../testing';
import { EmailChannel } from './channels/email-channel.strategy';
import { WebhookChannel } from './channels/webhook-channel.strategy';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import type { Delivery } from './deliveries/delivery';
import { DeliveryLogService } from './deliveries/delivery-log.service';
import type { NotificationWorkers } from './notification-workers';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from './webhooks/webhook-signature';


describe('notifications pipeline (outbox -> shard queues -> channels)', () => {
  let clusters: DatabaseClusters;
  let redis: Redis;
  let queueRedis: Redis;
  let tenancy: TenancyServices;
  let relay: OutboxRelay;
  let smtp: TestSmtpServer;
  let email: EmailChannel;
  let webhooks: WebhookChannel;
  let dns: TestDnsServer;
  const webhookLog: Record<string, unknown>[] = [];
  const workers: NotificationWorkers[] = [];

  beforeAll(async () => {
    clusters = await createTestClusters({ tenantEntities: [...SHOPPING_ENTITIES] });
    redis = redisOnDatabase(6);
    queueRedis = redisOnDatabase(6, null);
    await redis.flushdb();
    tenancy = createTestTenancy({ clusters, redis });
    relay = new OutboxRelay({ clusters, connection: queueRedis, idleMs: 20 });
    smtp = await startTestSmtpServer();
    email = new EmailChannel({ smtpUrl: smtp.url, fromAddress: 'no-reply@shop.test', messageIdDomain: 'shop.test' });
    // Names under hooks.test: inside.* is a private address, everything else does not exist.
    dns = await startTestDnsServer((name, type) => (name.startsWith('inside.') ? (type === 'A' ? ['10.20.30.40'] : []) : undefined));
    webhooks = new WebhookChannel(tenancy.unitOfWork, {
      timeoutMs: 2_000,
      allowHttpLoopback: true,
      resolver: dns.resolver(),
      log: (entry) => webhookLog.push(entry),
    });
    workers.push(...workersOfBothShards(tenancy, { queue: queueRedis, commands: redis }, { channels: [email, webhooks] }));
  });

  afterAll(async () => {
    await relay.stop();
    await Promise.all(workers.map((w) => w.close()));
    email.close();
    await webhooks.close();
    await dns.close();
    await smtp.close();
    await clusters.destroy();
    redis.disconnect();
    queueRedis.disconnect();
  });

  function startPipeline(): void {
    relay.start();
    for (const worker of workers) worker.start();
  }

  async function workersOf(ctx: TenantContext): Promise<NotificationWorkers> {
    return workers[(await tenancy.shards.shardOf(ctx.tenantId, 'notifications'))!]!;
  }

  async function deliveriesOf(ctx: TenantContext, channel: string): Promise<Delivery[]> {
    const log = new DeliveryLogService(tenancy.unitOfWork, (await workersOf(ctx)).deliveries);
    return (await log.list(ctx)).filter((d) => d.channel === channel);
  }

  it("emails the customer an order confirmation in the store's branding, with the order lines", async () => {
    startPipeline();
    const shop = await provisionTestTenant(tenancy);
    const other = await provisionTestTenant(tenancy);
    await nameStore(tenancy, shop.ctx, 'Blue & Bold <Shop>');
    await nameStore(tenancy, other.ctx, 'Other Store');
    const customer = await addCustomer(tenancy, shop.ctx);
    await placeOrder(tenancy, redis, shop.ctx, {
      customerId: customer.id,
      products: [
        { title: 'Classic T-shirt', price: 1_990, quantity: 2 },
        { title: 'Beanie <b>warm</b>', price: 1_250, quantity: 1 },
      ],
    });

    // By recipient: the worker's database may still hold other tests' unrelayed events (a welcome mail).
    const mail = await until(async () => smtp.received.find((m) => m.to.includes(customer.email)));
    expect(mail!.to).toEqual([customer.email]);
    expect(mail!.subject).toMatch(/^Your order #\d+ at Blue & Bold <Shop>$/);
    expect(mail!.html).toContain('Blue &amp; Bold &lt;Shop&gt;');
    expect(mail!.html).not.toContain('Other Store');
    expect(mail!.html).toContain('Classic T-shirt');
    expect(mail!.html).toContain('2 × €19.90');
    expect(mail!.html).toContain('Beanie &lt;b&gt;warm&lt;/b&gt;');
    expect(mail!.html).toContain('€52.30');
    expect(mail!.text).toContain('2 × Classic T-shirt');
    expect(mail!.raw).toMatch(/^From: "Blue & Bold <Shop>" <no-reply@shop\.test>\r?$/m);

    const [delivery] = await until(async () => {
      const sent = (await deliveriesOf(shop.ctx, 'email')).filter((d) => d.status === 'sent');
      return sent.length ? sent : undefined;
    });
    expect(mail!.messageId).toBe(`<${delivery!.id}@shop.test>`);
    const feed = await tenancy.unitOfWork.run(shop.ctx, (tx) => tx.query<{ title: string }[]>('SELECT title FROM notification_feed WHERE customer_id = $1', [customer.id]));
    expect(feed).toEqual([{ title: mail!.subject }]);
  });

  it('delivers a webhook once after two failures, signed, with every attempt recorded', async () => {
    startPipeline();
    const { ctx } = await provisionTestTenant(tenancy);
    const receiver = await startWebhookReceiver((call) => (call < 2 ? 503 : 200));
    try {
      const endpoint = await addWebhookEndpoint(tenancy, ctx, receiver.url);
      const { orderId } = await placeOrder(tenancy, redis, ctx);
      const [delivery] = await until(async () => {
        const sent = (await deliveriesOf(ctx, 'webhook')).filter((d) => d.status === 'sent');
        return sent.length ? sent : undefined;
      });
      expect(receiver.calls.map((c) => c.answeredWith)).toEqual([503, 503, 200]);
      const now = Math.floor(Date.now() / 1000);
      for (const call of receiver.calls) {
        expect(verifyWebhookSignature(endpoint.secret, call.body, String(call.headers[WEBHOOK_SIGNATURE_HEADER]), now)).toBe(true);
        expect(verifyWebhookSignature('whsec_wrong', call.body, String(call.headers[WEBHOOK_SIGNATURE_HEADER]), now)).toBe(false);
        expect(call.headers['x-storefront-delivery']).toBe(delivery!.id);
      }
      expect(JSON.parse(receiver.calls[2]!.body)).toMatchObject({ type: 'order.placed', data: { orderId } });

      const log = new DeliveryLogService(tenancy.unitOfWork, (await workersOf(ctx)).deliveries);
      const detail = await log.get(ctx, delivery!.id);
      expect(detail).toMatchObject({ status: 'sent', attempts: 3 });
      expect(detail.attemptLog.map((a) => [a.attempt, a.outcome, a.responseStatus])).toEqual([
        [1, 'failed', 503],
        [2, 'failed', 503],
        [3, 'sent', 200],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('dead-letters a webhook whose receiver always fails, and a replay delivers it', async () => {
    startPipeline();
    const { ctx } = await provisionTestTenant(tenancy);
    let healthy = false;
    const receiver = await startWebhookReceiver(() => (healthy ? 204 : 500));
    try {
      await addWebhookEndpoint(tenancy, ctx, receiver.url);
      await placeOrder(tenancy, redis, ctx);
      const [dead] = await until(async () => {
        const failed = (await deliveriesOf(ctx, 'webhook')).filter((d) => d.status === 'failed');
        return failed.length ? failed : undefined;
      });
      expect(dead).toMatchObject({ attempts: 3, lastError: 'endpoint answered 500' });
      expect(receiver.calls).toHaveLength(3);

      const queue = (await workersOf(ctx)).deliveries;
      const log = new DeliveryLogService(tenancy.unitOfWork, queue);
      const admin = new DeadLetterService(queue, log);
      const letters = await until(async () => {
        const { items } = await admin.list(0, 200);
        return items.find((item) => item.deliveryId === dead!.id);
      });
      expect(letters).toMatchObject({ tenantId: ctx.tenantId, channel: 'webhook', attempts: 3 });

      healthy = true;
      await log.replay(ctx, dead!.id);
      await expect(log.replay(ctx, dead!.id)).rejects.toThrow('not a dead letter');
      await until(async () => (await log.get(ctx, dead!.id)).status === 'sent');
      expect(receiver.calls.map((c) => c.answeredWith)).toEqual([500, 500, 500, 204]);
      expect((await admin.list(0, 200)).items.some((item) => item.deliveryId === dead!.id)).toBe(false);
    } finally {
      await receiver.close();
    }
  });

  it("shows a blocked address, a missing name, a refused connection, a timeout and a TLS failure alike in the merchant's log; the server log tells them apart", async () => {
    startPipeline();
    const { ctx } = await provisionTestTenant(tenancy);
    const listen = async (server: TcpServer) => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      return (server.address() as AddressInfo).port;
    };
    const closed = createTcpServer();
    const closedPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve)); // nothing listens there now: connecting is refused
    const silent = createTcpServer(() => undefined); // accepts, never answers
    const plainHttp = await startWebhookReceiver(() => 200);
    try {
      const urls = {
        blocked: 'https://inside.hooks.test/hooks',
        dns: 'https://missing.hooks.test/hooks',
        refused: `http://127.0.0.1:${closedPort}/hooks`,
        timeout: `http://127.0.0.1:${await listen(silent)}/hooks`,
        tls: plainHttp.url.replace('http:', 'https:'),
      };
      const endpoints = new Map<string, string>();
      for (const [kind, url] of Object.entries(urls)) endpoints.set((await addWebhookEndpoint(tenancy, ctx, url)).id, kind);
      await placeOrder(tenancy, redis, ctx);

      const failed = await until(
        async () => {
          const all = await deliveriesOf(ctx, 'webhook');
          return all.length === endpoints.size && all.every((d) => d.status === 'failed') ? all : undefined;
        },
        40_000,
        'five dead webhooks',
      );
      const log = new DeliveryLogService(tenancy.unitOfWork, (await workersOf(ctx)).deliveries);
      const seenByMerchant = await Promise.all(
        failed.map(async (delivery) => {
          // All the merchant sees, less what differs between any two deliveries (ids, times).
          const { id: _id, recipient: _recipient, createdAt: _created, failedAt: _failed, attemptLog, ...rest } = await log.get(ctx, delivery.id);
          return { ...rest, attemptLog: attemptLog.map(({ attemptedAt: _at, ...attempt }) => attempt) };
        }),
      );
      const unreachable = { outcome: 'failed', responseStatus: null, error: 'the endpoint could not be reached', durationMs: 0 };
      expect(seenByMerchant[0]).toMatchObject({
        status: 'failed',
        attempts: 3,
        lastError: 'the endpoint could not be reached',
        attemptLog: [1, 2, 3].map((attempt) => ({ attempt, ...unreachable })),
      });
      for (const other of seenByMerchant.slice(1)) expect(other).toEqual(seenByMerchant[0]);

      const detailOf = (kind: string) =>
        webhookLog.filter((entry) => endpoints.get(entry.endpointId as string) === kind).map((entry) => `${entry.reason}: ${entry.detail}`);
      expect(detailOf('blocked')[0]).toBe('blocked: inside.hooks.test has the address 10.20.30.40 (private)');
      expect(detailOf('dns')[0]).toMatch(/^dns: missing\.hooks\.test: A: .*ENOTFOUND/);
      expect(detailOf('refused')[0]).toContain('ECONNREFUSED');
      expect(detailOf('timeout')[0]).toMatch(/^connection: .*(timeout|aborted)/i);
      expect(detailOf('tls')[0]).toMatch(/^connection: .*(SSL|TLS|EPROTO)/i);
      for (const kind of Object.keys(urls)) expect(detailOf(kind)).toHaveLength(3);
    } finally {
      silent.close();
      await plainHttp.close();
    }
  });

  it('welcomes a customer who registered, by email and in the feed', async () => {
    startPipeline();
    const { ctx } = await provisionTestTenant(tenancy);
    await nameStore(tenancy, ctx, 'Welcome Wares');
    const email = `new-${Date.now()}@example.com`;
    const customer = await new CustomerService(tenancy.unitOfWork, new PasswordHasher()).register(ctx, { email, password: 'correct horse battery' });
    const mail = await until(async () => smtp.received.find((m) => m.to.includes(email)));
    expect(mail.subject).toBe('Welcome to Welcome Wares');
    const feed = await tenancy.unitOfWork.run(ctx, (tx) => tx.query<{ event_type: string }[]>('SELECT event_type FROM notification_feed WHERE customer_id = $1', [customer.id]));
    expect(feed).toEqual([{ event_type: 'customer.registered' }]);
  });

  it('tells the merchant their store is live', async () => {
    startPipeline();
    const { ctx, tenant } = await provisionTestTenant(tenancy);
    const merchant = `owner-${Date.now()}@example.com`;
    await clusters.primary.query("INSERT INTO platform.merchants (id, tenant_id, email, password_hash) VALUES (gen_random_uuid(), $1, $2, 'x')", [ctx.tenantId, merchant]);
    await appendEvent(tenancy, ctx, 'store.provisioned', {});
    const mail = await until(async () => smtp.received.find((m) => m.to.includes(merchant)));
    expect(mail.subject).toBe(`Your store ${tenant.name} is live`);
    expect(mail.text).toContain(`https://${tenant.slug}.shop.test`);
  });

  it("sends a password reset link and keeps it out of the merchant's delivery log", async () => {
    startPipeline();
    const { ctx } = await provisionTestTenant(tenancy);
    const customer = await addCustomer(tenancy, ctx);
    const resetUrl = 'https://shop.test/account/reset?token=s3cr3t-token';
    await appendEvent(tenancy, ctx, 'customer.password_reset_requested', { customerId: customer.id, email: customer.email, resetUrl });
    const mail = await until(async () => smtp.received.find((m) => m.to.includes(customer.email)));
    expect(mail.html).toContain(`href="${resetUrl}"`);
    const [logged] = await until(async () => {
      const sent = (await deliveriesOf(ctx, 'email')).filter((d) => d.status === 'sent');
      return sent.length ? sent : undefined;
    });
    expect(JSON.stringify(logged)).not.toContain('s3cr3t-token');
  });

  it('drops the leftover events of a store deleted from the registry instead of retrying them', async () => {
    startPipeline();
    const gone = tenantContextFor({ id: randomUUID(), clusterId: 'main' }, 'test');
    const event = { id: randomUUID(), type: 'order.placed', tenantId: gone.tenantId, occurredAt: new Date().toISOString(), payload: { orderId: randomUUID() } };
    const job = await workers[0]!.events.add('order.placed', { event, tenant: serializeTenantContext(gone) }, { jobId: event.id, priority: 1 });
    await until(async () => (await job.getState()) === 'completed', 20_000, 'the leftover event');
    expect((await workers[0]!.events.getJob(event.id))!.returnvalue).toEqual({ planned: false, queued: 0 });
  });
});
