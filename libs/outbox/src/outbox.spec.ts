import type { TenantContext } from '@storefront/contracts';
import { PostgresErrorCode } from '@storefront/database';
import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { newDomainEvent } from './domain-event';
import { consumeOnce } from './event-consumer';
import { OutboxRelay } from './outbox-relay';
import { appendToOutbox } from './outbox-writer';

describe('transactional outbox', () => {
  const env = useTestTenancy();
  let relay: OutboxRelay;

  beforeAll(() => {
    relay = new OutboxRelay({ clusters: env.clusters, connection: env.redis });
  });

  afterAll(() => relay.stop());

  const append = (ctx: TenantContext, type = 'order.placed') =>
    env.tenancy.unitOfWork.run(ctx, async (tx) => {
      const event = newDomainEvent(ctx, type, { orderId: 'o-1' });
      await appendToOutbox(tx, event);
      return event;
    });

  /** A new tenant's event, relayed: its job in the tenant's notifications shard queue. */
  const relayedJobOfNewEvent = async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const event = await append(ctx);
    while ((await relay.relayBatch('main')) > 0);
    const shard = (await env.tenancy.shards.shardOf(ctx.tenantId, 'notifications'))!;
    return (await relay.queueOf('notifications', shard).getJob(event.id))!;
  };

  it('keeps an event only when its transaction commits', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const kept = await append(ctx);
    const rolledBack = env.tenancy.unitOfWork.run(ctx, async (tx) => {
      await appendToOutbox(tx, newDomainEvent(ctx, 'order.placed', {}));
      throw new Error('boom');
    });
    await expect(rolledBack).rejects.toThrow('boom');
    const rows = await env.clusters.primary.query('SELECT event_id, tenant_role FROM platform.outbox WHERE tenant_id = $1', [ctx.tenantId]);
    expect(rows).toEqual([{ event_id: kept.id, tenant_role: ctx.role }]);
  });

  it("refuses a tenant writing another tenant's event or reading the outbox", async () => {
    const a = await provisionTestTenant(env.tenancy);
    const b = await provisionTestTenant(env.tenancy);
    const forgeTenant = env.tenancy.unitOfWork.run(a.ctx, (tx) =>
      tx.query(`INSERT INTO platform.outbox (event_id, tenant_id, event_type, payload) VALUES (gen_random_uuid(), $1, 'order.placed', '{}')`, [
        b.ctx.tenantId,
      ]),
    );
    await expect(forgeTenant).rejects.toMatchObject({ driverError: { code: PostgresErrorCode.insufficientPrivilege } });
    const forgeRole = env.tenancy.unitOfWork.run(a.ctx, (tx) =>
      tx.query(
        `INSERT INTO platform.outbox (event_id, tenant_id, tenant_role, event_type, payload) VALUES (gen_random_uuid(), $1, $2, 'order.placed', '{}')`,
        [b.ctx.tenantId, b.ctx.role],
      ),
    );
    await expect(forgeRole).rejects.toMatchObject({ driverError: { code: PostgresErrorCode.insufficientPrivilege } });
    const read = env.tenancy.unitOfWork.run(a.ctx, (tx) => tx.query('SELECT * FROM platform.outbox'));
    await expect(read).rejects.toMatchObject({ driverError: { code: PostgresErrorCode.insufficientPrivilege } });
  });

  it("publishes to the owning shard's queue once, even when a crash makes it publish again", async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const event = await append(ctx);
    while ((await relay.relayBatch('main')) > 0);
    const shard = (await env.tenancy.shards.shardOf(ctx.tenantId, 'notifications'))!;
    const queue = relay.queueOf('notifications', shard);
    const job = await queue.getJob(event.id);
    expect(job?.data.event).toMatchObject({ id: event.id, type: 'order.placed', tenantId: ctx.tenantId, payload: { orderId: 'o-1' } });
    expect(job?.data.tenant).toMatchObject({ tenantId: ctx.tenantId, schema: ctx.schema, clusterId: 'main' });
    expect(await relay.queueOf('notifications', 1 - shard).getJob(event.id)).toBeUndefined();

    // As if the relay died after Redis took the jobs but before PostgreSQL recorded it.
    await env.clusters.primary.query('UPDATE platform.outbox SET published_at = NULL WHERE event_id = $1', [event.id]);
    const countBefore = await queue.count();
    while ((await relay.relayBatch('main')) > 0);
    expect(await queue.count()).toBe(countBefore);
    const [row] = await env.clusters.primary.query('SELECT attempts, published_at FROM platform.outbox WHERE event_id = $1', [event.id]);
    expect(row.attempts).toBe(2);
    expect(row.published_at).not.toBeNull();
  });

  it('keeps finished event jobs in Redis up to a count, not only an age', async () => {
    const job = await relayedJobOfNewEvent();
    expect(job.opts.removeOnComplete).toMatchObject({ count: expect.any(Number) });
    expect(job.opts.removeOnFail).toMatchObject({ count: expect.any(Number) });
  });

  it('deletes published events past the retention, never unpublished ones', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const [old, unpublished] = [await append(ctx), await append(ctx)];
    await env.clusters.primary.query(`UPDATE platform.outbox SET published_at = now() - interval '8 days' WHERE event_id = $1`, [old.id]);
    await env.clusters.primary.query(`UPDATE platform.outbox SET occurred_at = now() - interval '8 days' WHERE event_id = $1`, [unpublished.id]);
    expect(await relay.purgePublished('main')).toBeGreaterThanOrEqual(1);
    const left = await env.clusters.primary.query('SELECT event_id FROM platform.outbox WHERE tenant_id = $1', [ctx.tenantId]);
    expect(left).toEqual([{ event_id: unpublished.id }]);
  });

  it('lets a consumer handle a redelivered event only once', async () => {
    const job = await relayedJobOfNewEvent();
    let handled = 0;
    const handle = async () => void handled++;
    const outcomes = await Promise.all([1, 2, 3].map(() => consumeOnce(env.tenancy.unitOfWork, 'test-consumer', job.data, handle)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(handled).toBe(1);
    expect(await consumeOnce(env.tenancy.unitOfWork, 'another-consumer', job.data, handle)).toBe(true);
  });
});
