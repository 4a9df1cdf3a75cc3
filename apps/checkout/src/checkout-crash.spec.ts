import { consumeOnce, EVENTS_QUEUE, shardQueuePrefix, type RelayedEventJob } from '@storefront/outbox';
import { seedVariant, stockHeldByReservations, stockOf, TEST_ADDRESS } from '@storefront/orders/testing';
import { ServiceTokens } from '@storefront/tenancy';
import { provisionTestTenantOnShard, useTestTenancy } from '@storefront/tenancy/testing';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { CHECKOUT_START_TIMEOUT_MS, singleShardEnv, startCheckoutProcess, type CheckoutProcess } from '../test/checkout-process';

const SECRET = 'checkout-crash-secret-of-at-least-32-bytes';

describe('checkout killed with SIGKILL in the middle of a stream of orders', () => {
  const env = useTestTenancy();

  it('keeps every acknowledged order exactly once and delivers every order.placed once to a deduping consumer', async () => {
    const { ctx } = await provisionTestTenantOnShard(env.tenancy, 'checkout', 0);
    const initialStock = 1_000;
    const sku = await seedVariant(env.tenancy, ctx, { stock: initialStock });
    // A retry may take over a dead request's key after 2 s instead of a minute.
    const processEnv = await singleShardEnv(SECRET, { PLATFORM_IDEMPOTENCY_LEASE_SECONDS: '2', PLATFORM_PAYMENT_TIMEOUT_MS: '1000' });
    const token = await new ServiceTokens(SECRET).sign('checkout', { kind: 'shopper', tenantId: ctx.tenantId });

    // The consumer: handles each event inside the tenant's transaction, deduped by event id.
    const handled = new Map<string, number>();
    const notificationsShard = (await env.tenancy.shards.shardOf(ctx.tenantId, 'notifications'))!;
    const workerRedis = new Redis(process.env.TEST_REDIS_URL!, { maxRetriesPerRequest: null });
    const worker = new Worker<RelayedEventJob>(
      EVENTS_QUEUE,
      async (job) => {
        if (job.data.event.tenantId !== ctx.tenantId || job.data.event.type !== 'order.placed') return;
        await consumeOnce(env.tenancy.unitOfWork, 'crash-test', job.data, async () => {
          const orderId = String(job.data.event.payload.orderId);
          handled.set(orderId, (handled.get(orderId) ?? 0) + 1);
        });
      },
      { connection: workerRedis, prefix: shardQueuePrefix('notifications', notificationsShard), concurrency: 4 },
    );

    let checkout: CheckoutProcess = await startCheckoutProcess(processEnv);
    const acknowledged: string[] = [];
    /** Keys whose request died with the process: the shopper saw no answer and will retry. */
    const unanswered: string[] = [];
    let killed = false;
    const send = async (key: string): Promise<{ status: number; body: { orderId?: string; code?: string } }> => {
      const response = await fetch(`${checkout.url}/api/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ lines: [{ sku, quantity: 1 }], paymentMethod: 'test-card', paymentToken: 'tok_success', shippingAddress: TEST_ADDRESS }),
      });
      return { status: response.status, body: (await response.json()) as { orderId?: string; code?: string } };
    };
    const placeOne = async (key = randomUUID()): Promise<void> => {
      try {
        const answer = await send(key);
        if (answer.status === 201) acknowledged.push(answer.body.orderId!);
      } catch {
        unanswered.push(key);
      }
    };
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 40 && !killed; i++) {
          await placeOne();
          if (acknowledged.length >= 60 && !killed) {
            killed = true;
            await checkout.stop('SIGKILL');
          }
        }
      }),
    );
    expect(killed).toBe(true);
    expect(checkout.child.signalCode).toBe('SIGKILL');

    checkout = await startCheckoutProcess(processEnv);
    try {
      for (let i = 0; i < 10; i++) await placeOne();
      // Seven other shoppers were mid-request at the kill (4 to 7 of them unanswered in practice).
      expect(unanswered.length).toBeGreaterThan(0);
      // Each shopper who got no answer retries with the same key until checkout answers for it.
      const retriedOrders = new Map<string, string>();
      for (const key of unanswered) {
        for (const deadline = Date.now() + 20_000; ; ) {
          const answer = await send(key);
          if (answer.status === 201) {
            retriedOrders.set(key, answer.body.orderId!);
            break;
          }
          expect(answer).toMatchObject({ status: 409, body: { code: 'request_in_progress' } });
          if (Date.now() > deadline) throw new Error(`key ${key} never got an answer`);
        }
      }
      const perKey = await env.tenancy.unitOfWork.run(ctx, (tx) =>
        tx.query<{ key: string; ids: string[] }[]>('SELECT idempotency_key AS key, array_agg(id) AS ids FROM orders GROUP BY idempotency_key'),
      );
      // One order per key, whether the first answer reached the shopper or a retry's did.
      for (const { ids } of perKey) expect(ids).toHaveLength(1);
      for (const [key, orderId] of retriedOrders) expect(perKey.find((row) => row.key === key)?.ids).toEqual([orderId]);
      const orderIds = (await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query<{ id: string }[]>('SELECT id FROM orders'))).map((row) => row.id);
      expect(new Set(orderIds).size).toBe(orderIds.length);
      for (const id of acknowledged) expect(orderIds).toContain(id);

      // Stock sold, plus stock held by reservations the killed process left, is what was taken.
      expect((await stockOf(env.tenancy, ctx, sku)) + orderIds.length + (await stockHeldByReservations(env.tenancy, ctx))).toBe(initialStock);

      const deadline = Date.now() + 20_000;
      while (handled.size < orderIds.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect([...handled.keys()].sort()).toEqual([...orderIds].sort());
      expect([...handled.values()].every((count) => count === 1)).toBe(true);
    } finally {
      await checkout.stop();
      await worker.close();
      workerRedis.disconnect();
    }
  }, 2 * CHECKOUT_START_TIMEOUT_MS + 60_000);
});
