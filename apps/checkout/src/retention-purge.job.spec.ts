import type { TenantContext } from '@storefront/contracts';
import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { randomUUID } from 'node:crypto';
import { retentionPurgeJob, type RetentionConfig } from './retention-purge.job';

const RETENTION: RetentionConfig = {
  PLATFORM_PROCESSED_EVENTS_RETENTION_HOURS: 24,
  PLATFORM_STRIPE_WEBHOOK_EVENTS_RETENTION_HOURS: 48,
  PLATFORM_ABANDONED_CARTS_RETENTION_HOURS: 72,
};

describe('the checkout shard retention purge', () => {
  const env = useTestTenancy();
  let ctx: TenantContext;
  const sql = <R = unknown>(text: string, parameters: unknown[] = []): Promise<R> => env.tenancy.unitOfWork.run(ctx, (tx) => tx.query<R>(text, parameters));
  const purge = () => retentionPurgeJob(env.tenancy.unitOfWork, RETENTION).run(ctx);

  beforeEach(async () => {
    ctx = (await provisionTestTenant(env.tenancy)).ctx;
  });

  it('deletes processed event ids older than the retention and keeps recent ones', async () => {
    const [old, recent] = [randomUUID(), randomUUID()];
    await sql(
      `INSERT INTO processed_events (consumer, event_id, processed_at)
       VALUES ('notifications', $1, now() - interval '25 hours'), ('search-indexer', $2, now() - interval '23 hours')`,
      [old, recent],
    );
    expect(await purge()).toMatchObject({ processedEvents: 1 });
    expect(await sql<{ event_id: string }[]>('SELECT event_id FROM processed_events')).toEqual([{ event_id: recent }]);
  });

  it('deletes idempotency keys past their expiry and keeps live ones, also one still being processed', async () => {
    await sql(
      `INSERT INTO idempotency_keys (key, request_hash, status, locked_until, expires_at) VALUES
         ('expired', 'h', 'completed', now() - interval '2 days', now() - interval '1 minute'),
         ('replayable', 'h', 'completed', now() - interval '1 hour', now() + interval '1 hour'),
         ('in-flight', 'h', 'processing', now() + interval '1 minute', now() + interval '1 day')`,
    );
    expect(await purge()).toMatchObject({ idempotencyKeys: 1 });
    expect(await sql<{ key: string }[]>('SELECT key FROM idempotency_keys ORDER BY key')).toEqual([{ key: 'in-flight' }, { key: 'replayable' }]);
  });

  it('deletes Stripe webhook event ids older than the retention and keeps recent ones', async () => {
    await sql(
      `INSERT INTO stripe_webhook_events (id, type, received_at) VALUES
         ('evt_old', 'payment_intent.succeeded', now() - interval '49 hours'),
         ('evt_recent', 'payment_intent.succeeded', now() - interval '47 hours')`,
    );
    expect(await purge()).toMatchObject({ stripeWebhookEvents: 1 });
    expect(await sql<{ id: string }[]>('SELECT id FROM stripe_webhook_events')).toEqual([{ id: 'evt_recent' }]);
  });

  it("deletes anonymous carts untouched past the retention with their lines, and keeps recent ones and customers' carts", async () => {
    const [{ id: customerId }] = await sql<[{ id: string }]>(`INSERT INTO customers (email, password_hash) VALUES ('shopper@example.com', 'x') RETURNING id`);
    const carts = await sql<{ id: string; label: string }[]>(
      `INSERT INTO carts (customer_id, updated_at)
       VALUES (NULL, now() - interval '73 hours'), (NULL, now() - interval '71 hours'), ($1::uuid, now() - interval '400 days')
       RETURNING id, CASE WHEN customer_id IS NOT NULL THEN 'customer' WHEN updated_at < now() - interval '72 hours' THEN 'abandoned' ELSE 'recent' END AS label`,
      [customerId],
    );
    const abandoned = carts.find((cart) => cart.label === 'abandoned')!;
    await sql(`INSERT INTO cart_lines (cart_id, sku, quantity, unit_price_amount) VALUES ($1, 'SKU-1', 1, 100)`, [abandoned.id]);

    expect(await purge()).toMatchObject({ abandonedCarts: 1 });
    const left = await sql<{ id: string }[]>('SELECT id FROM carts');
    expect(left.map((cart) => cart.id).sort()).toEqual(carts.filter((cart) => cart.label !== 'abandoned').map((cart) => cart.id).sort());
    expect(await sql<unknown[]>('SELECT 1 FROM cart_lines WHERE cart_id = $1', [abandoned.id])).toEqual([]);
  });
});
