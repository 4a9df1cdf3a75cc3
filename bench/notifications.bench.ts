import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import type { TenantContext } from '@storefront/contracts';
import { DatabaseClusters, runPlatformMigrations } from '@storefront/database';
import { EmailChannel, type NotificationChannelStrategy } from '@storefront/notifications';
import { startTestSmtpServer, workersOfBothShards } from '@storefront/notifications/testing';
import { OutboxRelay } from '@storefront/outbox';
import { createTenancyServices, tenantContextFor, type TenancyServices } from '@storefront/tenancy';
import Redis from 'ioredis';
import { progress, report, startBenchEnvironment, summarise } from './bench-kit';

const run = promisify(execFile);

/** Accepts every email and sends nothing: the pipeline's own cost, without a mail server's. */
class NoopEmailChannel implements NotificationChannelStrategy {
  readonly channel = 'email' as const;
  async send(): Promise<Record<string, never>> {
    return {};
  }
}

/**
 * Issue 7's benchmark: jobs/s through outbox -> relay -> event job (plan once per event id) ->
 * delivery job -> channel, with a no-op channel, against `redis-benchmark` SET on the same Redis in
 * the same run; then event -> email latency through a real SMTP server (relay polling included).
 */
export async function runNotificationsBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      events: { type: 'string', default: '5000' },
      tenants: { type: 'string', default: '20' },
      latency: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '8' },
    },
    strict: true,
  });
  const eventCount = Number(values.events);
  const tenantCount = Number(values.tenants);
  const latencyCount = Number(values.latency);
  const concurrency = Number(values.concurrency);

  const environment = await startBenchEnvironment('notifications');
  const clusters = new DatabaseClusters({ urls: { main: environment.databaseUrl }, poolSize: 4 * concurrency + 4 });
  const redis = new Redis(environment.redisUrl);
  const queueRedis = new Redis(environment.redisUrl, { maxRetriesPerRequest: null });
  try {
    await clusters.initialize();
    await runPlatformMigrations(clusters.primary);
    const tenancy = createTenancyServices({ clusters, redis, platformDomain: 'bench.test', shardCounts: { checkout: 2, search: 2, notifications: 2 } });
    const tenants: TenantContext[] = [];
    for (let i = 0; i < tenantCount; i++) {
      const slug = `bench-${randomUUID().slice(0, 12)}`;
      tenants.push(tenantContextFor(await tenancy.provisioner.provision({ tenantId: randomUUID(), slug, name: slug }), 'bench'));
      progress('tenants', i + 1, tenantCount);
    }

    const redisSet = await redisBenchmarkSet(environment.redisUrl);
    const pipeline = await throughput(tenancy, clusters, tenants, eventCount, queueRedis, redis, concurrency);
    const latency = await endToEndLatency(tenancy, clusters, tenants, latencyCount, queueRedis, redis, concurrency);
    report('notifications', {
      events: eventCount,
      tenants: tenantCount,
      pipeline: { ...pipeline, note: `one event job + one delivery job per event, 2 shards in one process, ${concurrency} jobs per queue and shard, no-op channel` },
      redisBenchmarkSet: { opsPerSecond: redisSet },
      ratioJobsToRedisSet: Math.round((pipeline.jobsPerSecond / redisSet) * 10_000) / 10_000,
      eventToEmailMs: latency,
    });
  } finally {
    redis.disconnect();
    queueRedis.disconnect();
    await clusters.destroy();
    await environment.stop();
  }
}

/** The baseline: Redis SET through redis-benchmark (50 clients, no pipelining) on the same server. */
async function redisBenchmarkSet(redisUrl: string): Promise<number> {
  const url = new URL(redisUrl);
  const { stdout } = await run('redis-benchmark', ['-h', url.hostname, '-p', url.port, '-t', 'set', '-n', '200000', '-q']);
  const match = /SET: ([\d.]+) requests per second/.exec(stdout);
  if (!match) throw new Error(`unexpected redis-benchmark output: ${stdout}`);
  return Number(match[1]);
}

async function appendRegistered(tenancy: TenancyServices, ctx: TenantContext, count: number, email: (i: number) => string): Promise<void> {
  await tenancy.unitOfWork.run(ctx, async (tx) => {
    for (let i = 0; i < count; i++) {
      await tx.query(`INSERT INTO platform.outbox (event_id, tenant_id, event_type, payload) VALUES (gen_random_uuid(), $1, 'customer.registered', $2)`, [
        ctx.tenantId,
        JSON.stringify({ customerId: randomUUID(), email: email(i) }),
      ]);
    }
  });
}

function workersFor(tenancy: TenancyServices, queueRedis: Redis, redis: Redis, channel: NotificationChannelStrategy, concurrency: number, onSent: () => void) {
  return workersOfBothShards(tenancy, { queue: queueRedis, commands: redis }, {
    channels: [channel],
    backoffMs: 100,
    eventConcurrency: concurrency,
    deliveryConcurrency: concurrency,
    onAttempt: (_channel, outcome) => outcome === 'sent' && onSent(),
  });
}

async function throughput(tenancy: TenancyServices, clusters: DatabaseClusters, tenants: TenantContext[], events: number, queueRedis: Redis, redis: Redis, concurrency: number) {
  for (const [i, ctx] of tenants.entries()) {
    await appendRegistered(tenancy, ctx, Math.ceil(events / tenants.length), (n) => `t${i}-c${n}@bench.test`);
  }
  const total = Math.ceil(events / tenants.length) * tenants.length;
  let sent = 0;
  const workers = workersFor(tenancy, queueRedis, redis, new NoopEmailChannel(), concurrency, () => {
    sent++;
    progress('sent', sent, total);
  });
  const relay = new OutboxRelay({ clusters, connection: queueRedis, batchSize: 500 });
  const started = process.hrtime.bigint();
  relay.start();
  for (const worker of workers) worker.start();
  while (sent < total) await new Promise((r) => setTimeout(r, 20));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await relay.stop();
  await Promise.all(workers.map((w) => w.close()));
  return { notifications: total, seconds: Math.round(seconds * 100) / 100, notificationsPerSecond: Math.round(total / seconds), jobsPerSecond: Math.round((2 * total) / seconds) };
}

async function endToEndLatency(tenancy: TenancyServices, clusters: DatabaseClusters, tenants: TenantContext[], count: number, queueRedis: Redis, redis: Redis, concurrency: number) {
  const smtp = await startTestSmtpServer();
  const email = new EmailChannel({ smtpUrl: smtp.url, fromAddress: 'no-reply@bench.test', messageIdDomain: 'bench.test' });
  const arrived = new Map<string, number>();
  const workers = workersFor(tenancy, queueRedis, redis, email, concurrency, () => undefined);
  const relay = new OutboxRelay({ clusters, connection: queueRedis });
  relay.start();
  for (const worker of workers) worker.start();
  smtp.onMessage = (rcpt) => void rcpt.forEach((address) => arrived.set(address, performance.now()));
  const samples: number[] = [];
  try {
    // Four events in flight at a time, as from a few concurrent checkouts.
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < count) {
          const i = next++;
          const address = `latency-${i}@bench.test`;
          await appendRegistered(tenancy, tenants[i % tenants.length]!, 1, () => address);
          const committed = performance.now();
          while (!arrived.has(address)) await new Promise((r) => setTimeout(r, 1));
          samples.push(arrived.get(address)! - committed);
          progress('latency', samples.length, count);
        }
      }),
    );
  } finally {
    await relay.stop();
    await Promise.all(workers.map((w) => w.close()));
    email.close();
    await smtp.close();
  }
  return summarise(samples);
}
