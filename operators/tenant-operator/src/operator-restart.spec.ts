import type { DatabaseClusters } from '@storefront/database';
import { createTestClusters, testDatabaseUrl, testRedisUrl } from '@storefront/testing';
import { startDeploymentControllerStandIn } from '@storefront/kube-client/testing';
import { DEPLOYMENTS, LEASES, resourcePath, SECRETS } from '@storefront/kube-client';
import { STORE_FINALIZER, STORES, type Store } from '@storefront/store-resource';
import { startOperatorProcess, type OperatorProcess } from '../test/operator-process';
import {
  createStore,
  isReady,
  PLATFORM_NAMESPACE,
  startOperatorTestCluster,
  waitFor,
  type OperatorTestCluster,
} from '../test/operator-test-env';

describe('tenant operator processes: crash recovery and leader election', () => {
  let cluster: OperatorTestCluster;
  let clusters: DatabaseClusters;
  let databaseUrl: string;
  const processes: OperatorProcess[] = [];

  beforeAll(async () => {
    cluster = await startOperatorTestCluster();
    clusters = await createTestClusters();
    databaseUrl = await testDatabaseUrl();
  }, 120_000);

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill('SIGKILL')));
  });

  afterAll(async () => {
    await clusters?.destroy();
    await cluster?.stop();
  });

  function startOperator(namespace: string, env: Record<string, string> = {}): Promise<OperatorProcess> {
    return startOperatorProcess({
      KUBECONFIG: cluster.operatorKubeconfigPath,
      DATABASE_URL: databaseUrl,
      REDIS_URL: testRedisUrl(),
      LOG_LEVEL: 'warn',
      PLATFORM_DOMAIN: 'shop.test',
      PLATFORM_OPERATOR_NAMESPACE: namespace,
      PLATFORM_OPERATOR_STOREFRONT_IMAGE: 'registry.example/storefront:1.0.0',
      PLATFORM_OPERATOR_PLATFORM_NAMESPACE: PLATFORM_NAMESPACE,
      PLATFORM_OPERATOR_LEADER_ELECTION: 'false',
      PLATFORM_OPERATOR_WORKERS: '2',
      PLATFORM_SERVICE_TOKEN_SECRET: 's'.repeat(48),
      PLATFORM_SHARD_URL_TEMPLATE: 'http://{service}-{shard}.{service}.storefront-platform:8080',
      ...env,
    }).then((p) => {
      processes.push(p);
      return p;
    });
  }

  const storesIn = async (namespace: string): Promise<Store[]> => (await cluster.admin.list<Store>(resourcePath(STORES, namespace))).items;

  it('converges 20 Stores without duplicates after being killed mid-reconcile', async () => {
    const namespace = await cluster.createStoreNamespace();
    const standIn = startDeploymentControllerStandIn(cluster.admin, namespace);
    try {
      const first = await startOperator(namespace);
      const created = await Promise.all(Array.from({ length: 20 }, (_, i) => createStore(cluster.admin, namespace, `crash-${i}`)));
      await waitFor('the operator to start on the Stores', async () =>
        (await storesIn(namespace)).some((s) => s.metadata.finalizers?.includes(STORE_FINALIZER)), 60_000, 20);
      await first.kill('SIGKILL');
      const readyAtKill = (await storesIn(namespace)).filter(isReady).length;
      expect(readyAtKill).toBeLessThan(20);

      const second = await startOperator(namespace);
      await waitFor('all 20 Stores to be Ready after the restart', async () => (await storesIn(namespace)).filter(isReady).length === 20, 120_000, 250)
        .catch((error: Error) => { throw new Error(`${error.message}\n${second.output()}`); });

      const tenantIds = created.map((s) => s.spec.tenantId);
      const [counts] = await clusters.primary.query(
        `SELECT (SELECT count(*)::int FROM platform.tenants WHERE id = ANY($1::uuid[]) AND status = 'active') AS tenants,
                (SELECT count(*)::int FROM platform.domains WHERE tenant_id = ANY($1::uuid[])) AS domains,
                (SELECT count(*)::int FROM platform.shard_assignments WHERE tenant_id = ANY($1::uuid[])) AS shards,
                (SELECT count(*)::int FROM pg_namespace WHERE nspname = ANY($2)) AS schemas,
                (SELECT count(*)::int FROM pg_roles WHERE rolname = ANY($2)) AS roles`,
        [tenantIds, tenantIds.map((id) => `t_${id.replace(/-/g, '')}`)],
      );
      expect(counts).toEqual({ tenants: 20, domains: 20, shards: 60, schemas: 20, roles: 20 });
      const deployments = await cluster.admin.list<{ metadata: { name: string } }>(resourcePath(DEPLOYMENTS, namespace));
      expect(deployments.items.map((d) => d.metadata.name).sort()).toEqual(created.map((s) => `sf-${s.spec.slug}`).sort());
      const secrets = await cluster.admin.list(resourcePath(SECRETS, namespace));
      expect(secrets.items).toHaveLength(20);
      for (const store of await storesIn(namespace)) expect(store.metadata.finalizers).toEqual([STORE_FINALIZER]);
    } finally {
      await standIn.stop();
    }
  }, 240_000);

  it('lets only the leader reconcile, and hands over when the leader is killed', async () => {
    const namespace = await cluster.createStoreNamespace();
    const standIn = startDeploymentControllerStandIn(cluster.admin, namespace);
    const leaseName = 'storefront-tenant-operator';
    // The Lease lives in the platform namespace, where deploy/operator-rbac.yaml grants it. A short
    // lease keeps the hand-over quick, with room for a starved CPU to renew in time.
    const election = { PLATFORM_OPERATOR_LEADER_ELECTION: 'true', PLATFORM_OPERATOR_LEASE_DURATION_SECONDS: '6' };
    try {
      const replicas = {
        a: await startOperator(namespace, { ...election, PLATFORM_OPERATOR_IDENTITY: 'operator-a' }),
        b: await startOperator(namespace, { ...election, PLATFORM_OPERATOR_IDENTITY: 'operator-b' }),
      };
      const holder = async (): Promise<string | undefined> =>
        (await cluster.admin.get<{ spec: { holderIdentity?: string } }>(resourcePath(LEASES, PLATFORM_NAMESPACE, leaseName)))?.spec.holderIdentity;
      await waitFor('a leader', async () => ['operator-a', 'operator-b'].includes((await holder()) ?? ''), 30_000);
      const leaderId = (await holder())!;
      const [leader, standby] = leaderId === 'operator-a' ? [replicas.a, replicas.b] : [replicas.b, replicas.a];

      await Promise.all(Array.from({ length: 5 }, (_, i) => createStore(cluster.admin, namespace, `leader-${i}`)));
      await waitFor('5 Stores to be Ready', async () => (await storesIn(namespace)).filter(isReady).length === 5, 60_000, 200);
      expect(await leader.metric('storefront_operator_is_leader')).toBe(1);
      expect(await leader.metric('storefront_operator_reconciles_total')).toBeGreaterThanOrEqual(5);
      expect(await standby.metric('storefront_operator_is_leader')).toBe(0);
      expect(await standby.metric('storefront_operator_reconciles_total')).toBe(0);

      await leader.kill('SIGKILL');
      await createStore(cluster.admin, namespace, 'after-handover');
      await waitFor('the standby to take the lease', async () => (await holder()) === (leaderId === 'operator-a' ? 'operator-b' : 'operator-a'), 30_000);
      await waitFor('the new Store to be Ready', async () => isReady((await storesIn(namespace)).find((s) => s.metadata.name === 'after-handover')), 60_000, 200);
      expect(await standby.metric('storefront_operator_is_leader')).toBe(1);
      expect(await standby.metric('storefront_operator_reconciles_total')).toBeGreaterThanOrEqual(1);

      // A graceful stop releases the lease, so a successor need not wait for it to expire.
      await standby.kill('SIGTERM');
      expect(standby.child.exitCode).toBe(0);
      expect(await holder()).toBe('');
    } finally {
      await standIn.stop();
    }
  }, 180_000);
});
