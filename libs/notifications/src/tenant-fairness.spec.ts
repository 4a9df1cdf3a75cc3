import type { DatabaseClusters } from '@storefront/database';
import { OutboxRelay } from '@storefront/outbox';
import type { TenancyServices } from '@storefront/tenancy';
import { createTestTenancy, provisionTestTenant } from '@storefront/tenancy/testing';
import { createTestClusters } from '@storefront/testing';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { NotificationChannelStrategy } from './channels/notification-channel.strategy';
import { appendEvent, redisOnDatabase, until } from '../testing';
import { NotificationWorkers, type NotificationWorkersOptions } from './notification-workers';
import { NOTIFICATIONS_CONSUMER } from './processors/notification-event.processor';


describe('fairness between tenants of one shard', () => {
  let clusters: DatabaseClusters;
  let redis: Redis;
  let queueRedis: Redis;
  let tenancy: TenancyServices;

  beforeAll(async () => {
    clusters = await createTestClusters();
    redis = redisOnDatabase(5);
    queueRedis = redisOnDatabase(5, null);
    await redis.flushdb();
    tenancy = createTestTenancy({ clusters, redis });
  });

  afterAll(async () => {
    await clusters.destroy();
    redis.disconnect();
    queueRedis.disconnect();
  });

  const processed = async (ctx: { tenantId: string; schema: string }) => {
    const [row] = await clusters.primary.query(`SELECT count(*)::int AS n FROM "${ctx.schema}".processed_events WHERE consumer = $1`, [
      NOTIFICATIONS_CONSUMER,
    ]);
    return row.n as number;
  };

  /** Two new stores on one notifications shard. */
  async function twoStoresOnOneShard() {
    const first = await provisionTestTenant(tenancy);
    const second = await provisionTestTenant(tenancy);
    const shard = (await tenancy.shards.shardOf(first.ctx.tenantId, 'notifications'))!;
    if ((await tenancy.shards.shardOf(second.ctx.tenantId, 'notifications')) !== shard) {
      await tenancy.shards.move(second.ctx.tenantId, 'notifications', shard, 'test');
    }
    return { first, second, shard };
  }

  const shardWorkers = (shard: number, options: Pick<NotificationWorkersOptions, 'channels'> & Partial<NotificationWorkersOptions>) =>
    new NotificationWorkers({ shard, clusters, unitOfWork: tenancy.unitOfWork, connection: queueRedis, redis, attempts: 3, backoffMs: 50, ...options });

  it("handles another tenant's single event within the first jobs after a 10,000-event flood", async () => {
    const { first: flooder, second: quiet, shard } = await twoStoresOnOneShard();
    // 10,000 events of one tenant committed before the other tenant's one, as in a bulk import.
    await tenancy.unitOfWork.run(flooder.ctx, (tx) =>
      tx.query(
        `INSERT INTO platform.outbox (event_id, tenant_id, event_type, payload)
         SELECT gen_random_uuid(), $1, 'order.placed', jsonb_build_object('orderId', gen_random_uuid()) FROM generate_series(1, 10000)`,
        [flooder.ctx.tenantId],
      ),
    );
    await tenancy.unitOfWork.run(quiet.ctx, (tx) =>
      tx.query(`INSERT INTO platform.outbox (event_id, tenant_id, event_type, payload) VALUES (gen_random_uuid(), $1, 'order.placed', '{"orderId": "00000000-0000-4000-8000-000000000000"}')`, [
        quiet.ctx.tenantId,
      ]),
    );
    const relay = new OutboxRelay({ clusters, connection: queueRedis, batchSize: 500 });
    while ((await relay.relayBatch('main')) > 0);
    await relay.stop();

    const workers = shardWorkers(shard, { channels: [], eventConcurrency: 4 });
    try {
      workers.start();
      await until(async () => (await processed(quiet.ctx)) === 1, 30_000, "the quiet tenant's event");
      // FIFO would run all 10,000 first; turns mean it runs with the first few (concurrency 4, prefetch).
      expect(await processed(flooder.ctx)).toBeLessThan(50);
    } finally {
      await workers.close();
    }
  });

  it("parks a store's sends beyond its rate while another store's go out at once", async () => {
    const { first: busy, second: calm, shard } = await twoStoresOnOneShard();
    const sent: string[] = [];
    // Records who was sent to, in order: the rate limit decides before any channel runs.
    const recording: NotificationChannelStrategy = {
      channel: 'email',
      send: async (ctx) => {
        sent.push(ctx.tenantId);
        return {};
      },
    };
    const workers = shardWorkers(shard, { channels: [recording], tenantRatePerSecond: 2 }); // bursts of 10
    try {
      workers.start();
      for (let i = 0; i < 20; i++) await appendEvent(tenancy, busy.ctx, 'customer.registered', { customerId: randomUUID(), email: `b${i}@example.com` });
      const relay = new OutboxRelay({ clusters, connection: queueRedis });
      while ((await relay.relayBatch('main')) > 0);
      await until(async () => sent.length >= 10, 20_000, "the busy store's burst");
      await appendEvent(tenancy, calm.ctx, 'customer.registered', { customerId: randomUUID(), email: 'calm@example.com' });
      while ((await relay.relayBatch('main')) > 0);
      await relay.stop();
      await until(async () => sent.includes(calm.ctx.tenantId), 20_000, "the calm store's email");
      // Beyond its burst the busy store gets about 2 a second; the calm store did not wait for them.
      expect(sent.filter((id) => id === busy.ctx.tenantId).length).toBeLessThan(16);
      await until(async () => sent.filter((id) => id === busy.ctx.tenantId).length === 20, 30_000, 'the busy store, paced');
    } finally {
      await workers.close();
    }
  });
});
