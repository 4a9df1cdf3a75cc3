import { EVENTS_QUEUE, OutboxRelay, shardQueuePrefix } from '@storefront/outbox';
import { Queue } from 'bullmq';
import { addWebhookEndpoint, appendEvent, startWebhookReceiver, until, type WebhookReceiver } from '@storefront/notifications/testing';
import { provisionTestTenantOnShard, useTestTenancy } from '@storefront/tenancy/testing';
import { startPrivateRedis, testServiceDatabaseUrl, type PrivateRedis, type ServiceProcess } from '@storefront/testing';
import Redis from 'ioredis';
import { startNotificationsProcess } from '../test/notifications-process';

const SECRET = 'notifications-redis-restart-secret-32-bytes';
const EVENTS = 400;

async function queueCounts(adminUrl: string): Promise<Record<string, unknown>> {
  const connection = new Redis(adminUrl, { maxRetriesPerRequest: 1 });
  try {
    const counts: Record<string, unknown> = {};
    for (const name of [EVENTS_QUEUE, 'deliveries']) {
      const queue = new Queue(name, { connection, prefix: shardQueuePrefix('notifications', 0) });
      counts[name] = await queue.getJobCounts();
      await queue.close();
    }
    counts.keys = (await connection.keys('*')).length;
    return counts;
  } finally {
    connection.disconnect();
  }
}

/** How many webhook calls carried each event id (the body is `{id, type, data}`). */
function callsPerEvent(receiver: WebhookReceiver): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of receiver.calls) {
    const id = (JSON.parse(call.body) as { id: string }).id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('notifications while their Redis restarts in the middle of a flood', () => {
  const env = useTestTenancy();
  let redis: PrivateRedis;

  beforeAll(async () => void (redis = await startPrivateRedis()), 60_000);
  afterAll(() => redis?.remove());

  it('delivers every event exactly once at the webhook receiver', async () => {
    const { ctx } = await provisionTestTenantOnShard(env.tenancy, 'notifications', 0);
    const receiver = await startWebhookReceiver(() => 200);
    await addWebhookEndpoint(env.tenancy, ctx, receiver.url, ['product.updated']);
    // The producer's side, as a checkout shard runs it: the outbox relay, on the checkout's login.
    const relayRedis = new Redis(redis.urls.checkout, { maxRetriesPerRequest: null });
    const relay = new OutboxRelay({ clusters: env.clusters, connection: relayRedis, idleMs: 20 });
    relay.start();
    let shard: ServiceProcess | undefined;
    try {
      shard = await startNotificationsProcess(
        {
          DATABASE_URL: await testServiceDatabaseUrl(),
          REDIS_URL: redis.urls.notifications,
          PLATFORM_SHARD_ID: '0',
          PLATFORM_SERVICE_TOKEN_SECRET: SECRET,
          PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
          PLATFORM_NOTIFICATIONS_RETRY_BASE_MS: '100',
          PLATFORM_NOTIFICATIONS_TENANT_RATE: '1000',
          PLATFORM_NOTIFICATIONS_JOB_LOCK_MS: '4000',
        },
        120_000,
      );
      const eventIds: string[] = [];
      const produce = async (count: number) => {
        for (let i = 0; i < count; i++) eventIds.push(await appendEvent(env.tenancy, ctx, 'product.updated', { productId: `p-${eventIds.length}` }));
      };
      await produce(EVENTS / 2);
      await until(async () => receiver.calls.length >= 50, 60_000, 'the first deliveries');

      await redis.stop();
      const readiness = async () => (await fetch(`${shard!.url}/health/ready`)).status;
      await until(async () => (await readiness()) === 503, 30_000, 'readiness to go red without Redis');
      // Events keep coming while Redis is away: the outbox holds them until the relay gets through.
      await produce(EVENTS / 4);
      await redis.start();
      await until(async () => (await readiness()) === 200, 60_000, 'readiness to go green again');
      await produce(EVENTS / 4);

      // On a timeout, say where the missing events stopped: outbox, event queue, delivery log.
      const pipelineState = async () => ({
        delivered: callsPerEvent(receiver).size,
        outbox: await env.clusters.primary.query('SELECT count(*)::int AS events, count(published_at)::int AS published FROM platform.outbox WHERE event_id = ANY($1)', [eventIds]),
        deliveries: await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query('SELECT status, count(*)::int AS n FROM notification_deliveries GROUP BY status')),
        processed: await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query('SELECT count(*)::int AS n FROM processed_events')),
        queues: await queueCounts(redis.url),
      });
      await until(async () => callsPerEvent(receiver).size === EVENTS, 60_000, `all ${EVENTS} events delivered`).catch(async (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(await pipelineState())}`);
      });
      // Every delivery is recorded as sent, so no job is left that could deliver one again.
      await until(
        async () => {
          const [row] = await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query<{ n: number }[]>("SELECT count(*)::int AS n FROM notification_deliveries WHERE status = 'sent'"));
          return row!.n === EVENTS;
        },
        30_000,
        'every delivery recorded as sent',
      );
      const counts = callsPerEvent(receiver);
      expect([...counts.keys()].sort()).toEqual([...eventIds].sort());
      expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(shard.child.exitCode).toBeNull();
    } finally {
      await shard?.stop();
      await relay.stop();
      relayRedis.disconnect();
      await receiver.close();
    }
  }, 360_000);
});
