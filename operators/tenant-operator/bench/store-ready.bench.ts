import 'reflect-metadata';
import { DatabaseClusters, runPlatformMigrations } from '@storefront/database';
import { startDevEnvironment } from '@storefront/dev-services';
import { createLogger } from '@storefront/observability';
import { ShardAssignments, TenantMigrator, TenantProvisioner } from '@storefront/tenancy';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDeploymentControllerStandIn } from '@storefront/kube-client/testing';
import { createStore, getStore, isReady, startOperatorTestCluster, testOperatorConfig } from '../test/operator-test-env';
import { TenantOperator } from '../src/tenant-operator';

const WORKSPACE_ROOT = join(__dirname, '../../..');

/**
 * Store created -> all conditions True (schema included), p50/p95 over --stores Stores created
 * --concurrency at a time, against a real kube-apiserver and a durable (fsync on) PostgreSQL.
 * Baseline, same run and database: TenantProvisioner.provision alone (the schema part), so the
 * ratio is what the Kubernetes side adds. Then, with --at-rest Stores (default 1,000) at rest,
 * a forced resync of every Store: reconciles per second when nothing has changed.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '4' },
      workers: { type: 'string', default: '4' },
      'at-rest': { type: 'string', default: '1000' },
    },
    strict: true,
  });
  const storeCount = Number(values.stores);
  const concurrency = Number(values.concurrency);

  const environment = await startDevEnvironment({ profile: 'bench-tenant-operator', workspaceRoot: WORKSPACE_ROOT, mode: 'durable', fresh: true });
  // Every store has a ClusterIP Service; the test plane's default /24 holds only ~250.
  const cluster = await startOperatorTestCluster({ extraApiServerArgs: ['--service-cluster-ip-range=10.0.0.0/16'] });
  const clusters = new DatabaseClusters({ urls: { main: environment.databaseUrl }, poolSize: 10 });
  let operator: TenantOperator | undefined;
  let standIn: { stop(): Promise<void> } | undefined;
  try {
    await clusters.initialize();
    await runPlatformMigrations(clusters.primary);

    const provisioner = new TenantProvisioner(clusters, new TenantMigrator(clusters), new ShardAssignments(clusters, { checkout: 2, search: 2, notifications: 2 }), { platformDomain: 'shop.test' });
    const baseline = await measure(storeCount, concurrency, async () => {
      const slug = `base-${randomUUID().slice(0, 12)}`;
      await provisioner.provision({ tenantId: randomUUID(), slug, name: slug });
    }, 'baseline: provision');

    const namespace = await cluster.createStoreNamespace();
    const config = testOperatorConfig(environment.databaseUrl, {
      PLATFORM_OPERATOR_NAMESPACE: namespace,
      PLATFORM_OPERATOR_WORKERS: values.workers!,
      PLATFORM_OPERATOR_RESYNC_SECONDS: '3600',
      REDIS_URL: environment.redisUrl,
    });
    operator = new TenantOperator({ config, kubeConfig: cluster.operatorKubeConfig, clusters, logger: createLogger({ service: 'tenant-operator', level: 'warn' }) });
    await operator.start();
    standIn = startDeploymentControllerStandIn(cluster.admin, namespace, 50);

    let n = 0;
    const toReady = await measure(storeCount, concurrency, async () => {
      const name = `bench-${n++}`;
      await createStore(cluster.admin, namespace, name);
      while (!isReady(await getStore(cluster.admin, namespace, name))) await new Promise((resolve) => setTimeout(resolve, 20));
    }, 'operator: Store -> Ready');

    // Fill up to --at-rest Stores (not timed), then one reconcile of every Store with nothing to
    // change: what a periodic resync costs.
    const atRest = Math.max(storeCount, Number(values['at-rest']));
    await measure(atRest - storeCount, 8, async () => {
      const name = `bench-${n++}`;
      await createStore(cluster.admin, namespace, name);
      while (!isReady(await getStore(cluster.admin, namespace, name))) await new Promise((resolve) => setTimeout(resolve, 100));
    }, 'filling to at-rest count');
    const reconciles = async (): Promise<number> => (await operator!.metrics.reconciles.get()).values.reduce((sum, v) => sum + v.value, 0);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const before = await reconciles();
    const started = process.hrtime.bigint();
    operator.resyncAll();
    while ((await reconciles()) - before < atRest) await new Promise((resolve) => setTimeout(resolve, 10));
    const resyncSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const result = {
      benchmark: 'tenant-operator store-ready',
      stores: storeCount,
      concurrency,
      workers: Number(values.workers),
      baselineProvisionMs: summary(baseline),
      storeToReadyMs: summary(toReady),
      ratioToBaseline: { p50: round(percentile(toReady, 0.5) / percentile(baseline, 0.5)), p95: round(percentile(toReady, 0.95) / percentile(baseline, 0.95)) },
      resyncAtRest: { stores: atRest, seconds: round(resyncSeconds), reconcilesPerSecond: round(atRest / resyncSeconds) },
      note: 'Deployment availability is written by the test stand-in (polls every 50 ms), as no controller-manager runs',
    };
    const dir = join(WORKSPACE_ROOT, '.data', 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `tenant-operator-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n(saved to ${file})\n`);
  } finally {
    await standIn?.stop();
    await operator?.stop();
    await clusters.destroy();
    await cluster.stop();
    await environment.stop();
  }
}

async function measure(count: number, concurrency: number, operation: () => Promise<void>, label: string): Promise<number[]> {
  const samples: number[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < count) {
        started++;
        const t0 = process.hrtime.bigint();
        await operation();
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (samples.length % Math.max(1, Math.floor(count / 10)) === 0) process.stderr.write(`  ${label}: ${samples.length}/${count}\n`);
      }
    }),
  );
  return samples;
}

function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function summary(samples: readonly number[]): { p50: number; p95: number; max: number } {
  return { p50: round(percentile(samples, 0.5)), p95: round(percentile(samples, 0.95)), max: round(Math.max(...samples)) };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
