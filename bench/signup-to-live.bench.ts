import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseClusters, runPlatformMigrations } from '@storefront/database';
import { findFreePort, startDevEnvironment } from '@storefront/dev-services';
import { createTenancyServices } from '@storefront/tenancy';
import Redis from 'ioredis';
import { formatStats, latencyStats } from './latency-stats';

const WORKSPACE_ROOT = join(__dirname, '..');
const TARGET_P95_MS = 500;

/**
 * Signup-to-live-store time in local mode: POST /api/v1/signup against a real platform-api
 * process until the 201 (the store is live when it returns), then a check that its host
 * resolves. Baseline, same run: the tenant provisioner alone (registry, role, schema, tenant
 * migrations, shards), i.e. the part no signup can avoid. Usage: npm run bench -- signup-to-live [count]
 */
export async function run(args: string[]): Promise<number> {
  const count = Number(args[0] ?? 200);
  const environment = await startDevEnvironment({ profile: 'bench', workspaceRoot: WORKSPACE_ROOT, mode: 'durable', fresh: true });
  const clusters = new DatabaseClusters({ urls: { main: environment.databaseUrl }, applicationName: 'bench' });
  await clusters.initialize();
  await runPlatformMigrations(clusters.primary);
  const redis = new Redis(environment.redisUrl);
  const port = await findFreePort();
  const api = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/platform-api/src/main.ts'], {
    cwd: WORKSPACE_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: environment.databaseUrl,
      REDIS_URL: environment.redisUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      PLATFORM_JWT_SECRET: randomBytes(32).toString('hex'),
      PLATFORM_SIGNUPS_PER_ADDRESS_PER_HOUR: String(count + 100),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitUntilReady(base, api);
    const tenancy = createTenancyServices({ clusters, redis, platformDomain: 'localhost', shardCounts: { checkout: 2, search: 2, notifications: 2 } });

    // Warm-up: first requests pay for JIT and pool connections.
    for (let i = 0; i < 5; i++) await signup(base);
    await tenancy.provisioner.provision({ tenantId: randomUUID(), slug: `warm-${randomUUID().slice(0, 8)}`, name: 'warm' });

    const baseline: number[] = [];
    const signups: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await tenancy.provisioner.provision({ tenantId: randomUUID(), slug: `base-${randomUUID().slice(0, 8)}`, name: 'baseline' });
      baseline.push(performance.now() - started);

      const { ms, slug } = await signup(base);
      signups.push(ms);
      if (!(await tenancy.hostResolver.resolve(`${slug}.localhost`))) throw new Error(`store ${slug} is not live after signup`);
      if ((i + 1) % 20 === 0) process.stderr.write(`${i + 1}/${count} signups\n`);
    }

    const signupStats = latencyStats(signups);
    const baselineStats = latencyStats(baseline);
    const lines = [
      formatStats('signup to live store (HTTP)', signupStats),
      formatStats('baseline: provisioner alone', baselineStats),
      `ratio signup/baseline: p50 ${(signupStats.p50 / baselineStats.p50).toFixed(2)}x  p95 ${(signupStats.p95 / baselineStats.p95).toFixed(2)}x`,
      `target p95 < ${TARGET_P95_MS} ms: ${signupStats.p95 < TARGET_P95_MS ? 'met' : 'MISSED'}  (anchor: ~5 s per tenant with Rails Apartment)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return signupStats.p95 < TARGET_P95_MS ? 0 : 1;
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    redis.disconnect();
    await clusters.destroy();
    await environment.stop();
  }
}

async function signup(base: string): Promise<{ ms: number; slug: string }> {
  const slug = `s-${randomUUID().slice(0, 12)}`;
  const started = performance.now();
  const response = await fetch(`${base}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${slug}@bench.example.com`, password: 'benchmark password', storeName: slug, slug }),
  });
  const ms = performance.now() - started;
  if (response.status !== 201) throw new Error(`signup answered ${response.status}: ${await response.text()}`);
  return { ms, slug };
}

async function waitUntilReady(base: string, api: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (api.exitCode !== null) throw new Error(`platform-api exited with ${api.exitCode}`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('platform-api did not become ready');
}
