import type { TenantContext } from '@storefront/contracts';
import type { DatabaseClusters } from '@storefront/database';
import { OutboxRelay } from '@storefront/outbox';
import { SHOPPING_ENTITIES } from '@storefront/shopping';
import type { TenancyServices } from '@storefront/tenancy';
import { createTestTenancy, provisionTestTenant } from '@storefront/tenancy/testing';
import { createTestClusters } from '@storefront/testing';
import type Redis from 'ioredis';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addCustomer, placeOrder, redisOnDatabase, until, workersOfBothShards } from '../../testing';
import type { Delivery } from '../deliveries/delivery';
import { DeliveryLogService } from '../deliveries/delivery-log.service';
import type { NotificationWorkers } from '../notification-workers';
import type { AttemptOutcome } from '../processors/send-delivery.processor';
import { DeliveryFailedError } from './notification-channel.strategy';
import { SmsChannel } from './sms-channel.strategy';
import { TwilioSmsProvider } from './sms-provider.strategy';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'twilio-test-auth-token';
const SENDER = '+15550000000';

interface TwilioRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly form: Record<string, string>;
}

/** A local stand-in of Twilio's Messages API: records each request, answers what `answer` says. */
async function startTwilioStandIn(): Promise<{ url: string; requests: TwilioRequest[]; answer: { status: number; body: unknown }; close(): Promise<void> }> {
  const requests: TwilioRequest[] = [];
  const standIn = { url: '', requests, answer: { status: 201, body: { sid: 'SM1', status: 'queued' } as unknown }, close: () => new Promise<void>((r) => server.close(() => r())) };
  const read = async (request: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server: Server = createServer((request, response) => {
    void read(request).then((body) => {
      requests.push({ path: request.url ?? '', authorization: request.headers.authorization, form: Object.fromEntries(new URLSearchParams(body)) });
      response.writeHead(standIn.answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(standIn.answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standIn;
}

describe('channels that do not pretend', () => {
  let clusters: DatabaseClusters;
  let redis: Redis;
  let queueRedis: Redis;
  let tenancy: TenancyServices;
  let relay: OutboxRelay;
  let twilio: Awaited<ReturnType<typeof startTwilioStandIn>>;
  const outcomes: { channel: string; outcome: AttemptOutcome }[] = [];
  const workers: NotificationWorkers[] = [];

  beforeAll(async () => {
    // A database of its own: the relay carries every event of its database, and this spec counts what it sends.
    clusters = await createTestClusters({ database: 'channels', tenantEntities: [...SHOPPING_ENTITIES] });
    redis = redisOnDatabase(9);
    queueRedis = redisOnDatabase(9, null);
    await redis.flushdb();
    tenancy = createTestTenancy({ clusters, redis });
    relay = new OutboxRelay({ clusters, connection: queueRedis, idleMs: 20 });
    twilio = await startTwilioStandIn();
    const sms = new SmsChannel(new TwilioSmsProvider({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: SENDER, apiUrl: twilio.url }));
    // This platform has SMS (through Twilio) and no SMTP server: no email channel at all.
    workers.push(...workersOfBothShards(tenancy, { queue: queueRedis, commands: redis }, { channels: [sms], onAttempt: (channel, outcome) => outcomes.push({ channel, outcome }) }));
  });

  afterAll(async () => {
    await relay.stop();
    await Promise.all(workers.map((w) => w.close()));
    await twilio.close();
    await clusters.destroy();
    redis.disconnect();
    queueRedis.disconnect();
  });

  async function logOf(ctx: TenantContext): Promise<DeliveryLogService> {
    return new DeliveryLogService(tenancy.unitOfWork, workers[(await tenancy.shards.shardOf(ctx.tenantId, 'notifications'))!]!.deliveries);
  }

  async function settled(ctx: TenantContext, channel: string): Promise<Delivery> {
    const log = await logOf(ctx);
    return until(async () => (await log.list(ctx)).find((d) => d.channel === channel && d.status !== 'pending' && d.status !== 'retrying'));
  }

  it('shows an email "not configured" without SMTP: nothing attempted, never counted as sent, replayable; the SMS goes out through Twilio', async () => {
    const shop = await provisionTestTenant(tenancy);
    const customer = await addCustomer(tenancy, shop.ctx);
    // The merchant texts order confirmations too (by default only shipping is texted).
    await tenancy.unitOfWork.run(shop.ctx, (tx) =>
      tx.query(`INSERT INTO notification_templates (event, channel, body) VALUES ('order.placed', 'sms', '{{store.name}}: order {{order.number}} received.')`),
    );
    const { orderId } = await placeOrder(tenancy, redis, shop.ctx, { customerId: customer.id });
    await tenancy.unitOfWork.run(shop.ctx, (tx) => tx.query(`UPDATE orders SET shipping_address = COALESCE(shipping_address, '{}') || '{"phone": "+15551234567"}' WHERE id = $1`, [orderId]));
    relay.start();
    for (const worker of workers) worker.start();

    const email = await settled(shop.ctx, 'email');
    expect(email).toMatchObject({ recipient: customer.email, status: 'not_configured', attempts: 0, lastError: 'email is not configured on this platform' });
    const log = await logOf(shop.ctx);
    expect((await log.get(shop.ctx, email.id)).attemptLog).toEqual([]);

    const sms = await settled(shop.ctx, 'sms');
    expect(sms).toMatchObject({ recipient: '+15551234567', status: 'sent', attempts: 1 });
    expect(twilio.requests).toEqual([
      {
        path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
        authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
        form: { To: '+15551234567', From: SENDER, Body: expect.stringMatching(/: order \S+ received\.$/) },
      },
    ]);
    expect(outcomes.filter((o) => o.channel === 'email')).toEqual([{ channel: 'email', outcome: 'not_configured' }]);

    // A replay (once the platform has SMTP) is allowed; here it is still not configured.
    expect(await log.replay(shop.ctx, email.id)).toMatchObject({ status: 'pending', replays: 1 });
    await until(async () => ((await log.get(shop.ctx, email.id)).status === 'not_configured' ? true : undefined));
    expect(outcomes.filter((o) => o.channel === 'email' && o.outcome === 'sent')).toEqual([]);
  });

  it("turns Twilio's refusal of a message into a dead letter at once, and retries its rate limit and outages", async () => {
    const provider = new TwilioSmsProvider({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: `MG${'a'.repeat(32)}`, apiUrl: twilio.url });
    const ctx = { tenantId: '00000000-0000-4000-8000-000000000000' } as TenantContext;
    const attempt = (status: number, body: unknown) => {
      twilio.answer = { status, body };
      return provider.send(ctx, { to: '+15551234567', text: 'hello', reference: 'r1' }).then(
        () => 'sent',
        (error: unknown) => (error instanceof DeliveryFailedError ? { status: error.responseStatus, permanent: error.permanent, message: error.message } : error),
      );
    };
    expect(await attempt(400, { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 })).toEqual({
      status: 400,
      permanent: true,
      message: "Twilio: The 'To' number is not a valid phone number.",
    });
    expect(await attempt(429, { code: 20429, message: 'Too Many Requests' })).toMatchObject({ status: 429, permanent: false });
    expect(await attempt(503, 'not json')).toMatchObject({ status: 503, permanent: false });
    expect(await attempt(201, { sid: 'SM2' })).toBe('sent');
    // A Messaging Service sends from its own pool of numbers.
    expect(twilio.requests.at(-1)!.form).toMatchObject({ MessagingServiceSid: `MG${'a'.repeat(32)}`, To: '+15551234567', Body: 'hello' });
  });
});
