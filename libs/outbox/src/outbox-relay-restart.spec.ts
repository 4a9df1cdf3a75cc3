import { findFreePort } from '@storefront/dev-services';
import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import Redis from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantContext } from '@storefront/contracts';
import { newDomainEvent } from './domain-event';
import { OutboxRelay } from './outbox-relay';
import { appendToOutbox } from './outbox-writer';

/** A private Redis (append-only file on) that can be stopped and started again on the same port. */
class RestartableRedis {
  private child: ChildProcess | undefined;
  readonly dir = mkdtempSync(join(tmpdir(), 'relay-redis-'));
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', ''], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      const probe = new Redis({ port: this.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      const up = await probe.connect().then(() => probe.ping()).catch(() => undefined);
      probe.disconnect();
      if (up === 'PONG') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM'); // a clean shutdown writes the append-only file
    });
  }
}

describe('outbox relay across a Redis restart', () => {
  const env = useTestTenancy();
  let redis: RestartableRedis;

  beforeAll(async () => {
    redis = new RestartableRedis(await findFreePort());
    await redis.start();
  });

  afterAll(async () => {
    await redis.stop();
    rmSync(redis.dir, { recursive: true, force: true });
  });

  const append = (ctx: TenantContext, n: number) =>
    env.tenancy.unitOfWork.run(ctx, async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const event = newDomainEvent(ctx, 'order.placed', { i });
        await appendToOutbox(tx, event);
        ids.push(event.id);
      }
      return ids;
    });

  it('publishes every event exactly once when Redis goes away and comes back', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const connection = new Redis({ port: redis.port, maxRetriesPerRequest: null });
    const relay = new OutboxRelay({ clusters: env.clusters, connection, idleMs: 20 });
    relay.start();
    try {
      const before = await append(ctx, 20);
      const unpublished = async () =>
        (await env.clusters.primary.query('SELECT count(*)::int AS n FROM platform.outbox WHERE tenant_id = $1 AND published_at IS NULL', [ctx.tenantId]))[0].n;
      for (let i = 0; i < 100 && (await unpublished()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await unpublished()).toBe(0);

      await redis.stop();
      const during = await append(ctx, 20);
      await new Promise((r) => setTimeout(r, 300));
      expect(await unpublished()).toBe(20); // nothing marked published while Redis was away
      await redis.start();
      for (let i = 0; i < 200 && (await unpublished()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await unpublished()).toBe(0);

      const shard = (await env.tenancy.shards.shardOf(ctx.tenantId, 'notifications'))!;
      const queue = relay.queueOf('notifications', shard);
      // Fair per-tenant priorities put jobs in the prioritized state rather than waiting.
      const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed']);
      const ids = jobs.map((job) => job.id).filter((id) => [...before, ...during].includes(id!));
      expect(ids.sort()).toEqual([...before, ...during].sort());
    } finally {
      await relay.stop();
      connection.disconnect();
    }
  });
});
