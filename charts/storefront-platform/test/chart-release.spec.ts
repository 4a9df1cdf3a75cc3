import type { HelmCli, KubeObject } from '@storefront/helm';
import { startTestControlPlane, type TestControlPlane } from '@storefront/k8s-testenv';
import { randomUUID } from 'node:crypto';
import { CHART_DIR, EMAIL_VALUES, helmFor } from './chart-test-env';
import { startJobControllerStandIn, type JobObject } from './job-controller-stand-in';
import { KubeTestClient } from './kube-test-client';

interface EnvVar {
  name: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface StatefulSet extends KubeObject {
  spec: { replicas: number; template: { spec: { containers: { env?: EnvVar[] }[] } } };
}
interface Secret extends KubeObject {
  data: Record<string, string>;
}

const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/stores.storefront.platform.io';

describe('storefront-platform chart: helm install, upgrade and uninstall (real helm, real kube-apiserver)', () => {
  let plane: TestControlPlane;
  let helm: HelmCli;
  let kube: KubeTestClient;
  let standIn: { stop(): Promise<void> } | undefined;
  const migrationsSeen: { job: string; args: string[]; checkoutReplicas: number | undefined; secretKeys?: Record<string, string | undefined> }[] = [];

  beforeAll(async () => {
    plane = await startTestControlPlane();
    helm = helmFor(plane);
    kube = new KubeTestClient(plane);
  }, 30 * 60_000);

  afterEach(async () => {
    await standIn?.stop();
    standIn = undefined;
    migrationsSeen.length = 0;
  });

  afterAll(async () => {
    await plane?.stop();
  });

  /** A fresh namespace (namespaces never finish deleting here) with a stand-in that completes its Jobs. */
  async function namespaceWithJobs(release: string): Promise<string> {
    const namespace = `ns-${randomUUID().slice(0, 8)}`;
    await kube.createNamespace(namespace);
    standIn = startJobControllerStandIn(kube, namespace, async (job: JobObject) => {
      const checkout = await kube.get<StatefulSet>(`/apis/apps/v1/namespaces/${namespace}/statefulsets/${release}-storefront-platform-checkout`);
      const container = job.spec.template.spec.containers[0]!;
      migrationsSeen.push({ job: job.metadata.name, args: container.args ?? [], checkoutReplicas: checkout?.spec.replicas, secretKeys: secretKeysOf(container.env) });
    });
    return namespace;
  }

  /** Env name -> the key of the chart's Secret it reads. */
  const secretKeysOf = (env: EnvVar[] | undefined): Record<string, string | undefined> =>
    Object.fromEntries((env ?? []).filter((e) => e.valueFrom?.secretKeyRef).map((e) => [e.name, e.valueFrom!.secretKeyRef!.key]));

  const statefulSetReplicas = async (namespace: string): Promise<Record<string, number>> =>
    Object.fromEntries((await kube.list<StatefulSet>(`/apis/apps/v1/namespaces/${namespace}/statefulsets`)).map((s) => [s.metadata.name, s.spec.replicas]));
  const serviceNames = async (namespace: string): Promise<string[]> =>
    (await kube.list(`/api/v1/namespaces/${namespace}/services`)).map((s) => s.metadata.name).sort();

  it('installs the platform and runs migrate-all-tenants once the release exists', async () => {
    const namespace = await namespaceWithJobs('first');
    const release = await helm.install('first', CHART_DIR, { namespace, valuesFiles: [EMAIL_VALUES], timeoutSeconds: 60, values: { checkout: { shards: 3 } } });
    expect(release).toMatchObject({ name: 'first', version: 1, info: { status: 'deployed' } });

    expect(await statefulSetReplicas(namespace)).toEqual({
      'first-storefront-platform-checkout': 3,
      'first-storefront-platform-search': 2,
      'first-storefront-platform-notifications': 2,
    });
    expect(await serviceNames(namespace)).toEqual([
      'first-storefront-platform-checkout', 'first-storefront-platform-checkout-0', 'first-storefront-platform-checkout-1', 'first-storefront-platform-checkout-2',
      'first-storefront-platform-notifications', 'first-storefront-platform-notifications-0', 'first-storefront-platform-notifications-1',
      'first-storefront-platform-platform-api',
      'first-storefront-platform-search', 'first-storefront-platform-search-0', 'first-storefront-platform-search-1',
    ]);
    const deployments = await kube.list(`/apis/apps/v1/namespaces/${namespace}/deployments`);
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['first-storefront-platform-platform-api', 'first-storefront-platform-tenant-operator']);
    expect(await kube.get(`/api/v1/namespaces/${namespace}/serviceaccounts/first-storefront-platform-tenant-operator`)).toBeDefined();
    // The Store namespace is a namespace of its own, made by the chart and kept on uninstall.
    const storeNamespace = `${namespace}-stores`;
    expect((await kube.get<KubeObject>(`/api/v1/namespaces/${storeNamespace}`))?.metadata.annotations).toMatchObject({ 'helm.sh/resource-policy': 'keep' });
    // The operator's grants are Roles (Store namespace and its Lease); no ClusterRole.
    expect(await kube.get(`/apis/rbac.authorization.k8s.io/v1/namespaces/${storeNamespace}/roles/first-storefront-platform-tenant-operator`)).toBeDefined();
    expect(await kube.get(`/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/roles/first-storefront-platform-tenant-operator`)).toBeUndefined();
    expect(await kube.get('/apis/rbac.authorization.k8s.io/v1/clusterroles/first-storefront-platform-tenant-operator')).toBeUndefined();
    expect(await kube.get(CRD_PATH)).toBeDefined();

    // The platform API's ServiceAccount creates, watches, patches (suspend) and deletes Stores in the
    // Store namespace, and may do nothing else with them or anywhere else (the release's included).
    const platformApi = `system:serviceaccount:${namespace}:first-storefront-platform-platform-api`;
    const groups = ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];
    const can = (verb: string, resource: string, extra: Record<string, string> = {}) =>
      kube.canI(platformApi, groups, { verb, resource, namespace: storeNamespace, ...(resource.startsWith('stores') ? { group: 'storefront.platform.io' } : {}), ...extra });
    for (const verb of ['create', 'get', 'list', 'watch', 'patch', 'delete']) expect({ verb, allowed: await can(verb, 'stores') }).toEqual({ verb, allowed: true });
    for (const verb of ['update', 'deletecollection']) expect({ verb, allowed: await can(verb, 'stores') }).toEqual({ verb, allowed: false });
    expect(await can('patch', 'stores', { subresource: 'status' })).toBe(false);
    expect(await can('update', 'stores', { subresource: 'finalizers' })).toBe(false);
    for (const other of ['kube-system', namespace]) {
      for (const verb of ['create', 'patch', 'delete']) expect({ other, verb, allowed: await can(verb, 'stores', { namespace: other }) }).toEqual({ other, verb, allowed: false });
    }
    expect(await can('get', 'secrets')).toBe(false);
    expect(await can('list', 'deployments', { group: 'apps' })).toBe(false);

    // The shards as the API server stored them log in as the service login, each with the Redis URL
    // meant for it (here the shared one: no redis.users set); the Secret holds the login's URL.
    for (const service of ['checkout', 'search', 'notifications']) {
      const shard = await kube.get<StatefulSet>(`/apis/apps/v1/namespaces/${namespace}/statefulsets/first-storefront-platform-${service}`);
      expect({ service, keys: secretKeysOf(shard?.spec.template.spec.containers[0]!.env) }).toEqual({
        service,
        keys: {
          DATABASE_URL: 'SERVICE_DATABASE_URL',
          REDIS_URL: 'REDIS_URL',
          PLATFORM_SERVICE_TOKEN_SECRET: 'PLATFORM_SERVICE_TOKEN_SECRET',
          // Only checkout opens stores' sealed payment secrets.
          ...(service === 'checkout' ? { PLATFORM_SECRETS_KEYRING: 'PLATFORM_SECRETS_KEYRING' } : {}),
          // Only notifications sends email (its SMTP URL may carry a password).
          ...(service === 'notifications' ? { PLATFORM_SMTP_URL: 'PLATFORM_SMTP_URL' } : {}),
        },
      });
    }
    const api = await kube.get<StatefulSet>(`/apis/apps/v1/namespaces/${namespace}/deployments/first-storefront-platform-platform-api`);
    expect(secretKeysOf(api?.spec.template.spec.containers[0]!.env)).toMatchObject({ DATABASE_URL: 'PLATFORM_API_DATABASE_URL' });
    const secret = await kube.get<Secret>(`/api/v1/namespaces/${namespace}/secrets/first-storefront-platform-secrets`);
    const serviceUrl = new URL(Buffer.from(secret!.data.SERVICE_DATABASE_URL!, 'base64').toString());
    expect({ user: serviceUrl.username, host: serviceUrl.host }).toEqual({ user: 'platform_service_login', host: 'postgresql:5432' });

    // post-install hook: it ran after the workloads existed, and was deleted once it succeeded. It
    // migrates as the owner and ensures the service login from the URL the shards use.
    expect(migrationsSeen).toEqual([
      {
        job: 'first-storefront-platform-migrate-all-tenants',
        args: ['migrate-all-tenants', '--concurrency', '8'],
        checkoutReplicas: 3,
        secretKeys: { DATABASE_URL: 'DATABASE_URL', PLATFORM_SERVICE_DATABASE_URL: 'SERVICE_DATABASE_URL', PLATFORM_API_DATABASE_URL: 'PLATFORM_API_DATABASE_URL' },
      },
    ]);
    expect(await kube.list(`/apis/batch/v1/namespaces/${namespace}/jobs`)).toEqual([]);
  }, 120_000);

  it('upgrades a changed shard count after migrating, resizing the StatefulSets and their per-shard Services', async () => {
    const namespace = await namespaceWithJobs('second');
    await helm.install('second', CHART_DIR, { namespace, valuesFiles: [EMAIL_VALUES], timeoutSeconds: 60 });
    const secretBefore = await kube.get<Secret>(`/api/v1/namespaces/${namespace}/secrets/second-storefront-platform-secrets`);
    migrationsSeen.length = 0;

    const upgraded = await helm.upgrade('second', CHART_DIR, { namespace, valuesFiles: [EMAIL_VALUES], timeoutSeconds: 60, values: { checkout: { shards: 4 }, search: { shards: 1 } } });
    expect(upgraded).toMatchObject({ version: 2, info: { status: 'deployed' } });

    // pre-upgrade hook: the Job saw the old shard count, so migrations ran before the new workloads.
    expect(migrationsSeen).toEqual([expect.objectContaining({ job: 'second-storefront-platform-migrate-all-tenants', checkoutReplicas: 2 })]);
    expect(await statefulSetReplicas(namespace)).toEqual({
      'second-storefront-platform-checkout': 4,
      'second-storefront-platform-search': 1,
      'second-storefront-platform-notifications': 2,
    });
    const services = await serviceNames(namespace);
    expect(services).toEqual(expect.arrayContaining(['second-storefront-platform-checkout-3', 'second-storefront-platform-search-0']));
    expect(services).not.toContain('second-storefront-platform-search-1');
    const config = await kube.get<KubeObject & { data: Record<string, string> }>(`/api/v1/namespaces/${namespace}/configmaps/second-storefront-platform-config`);
    expect(config?.data).toMatchObject({ PLATFORM_CHECKOUT_SHARDS: '4', PLATFORM_SEARCH_SHARDS: '1' });

    // Generated signing keys survive the upgrade: rotating them would sign everyone out.
    const secretAfter = await kube.get<Secret>(`/api/v1/namespaces/${namespace}/secrets/second-storefront-platform-secrets`);
    expect(secretAfter?.data.PLATFORM_JWT_SECRET).toHaveLength(64);
    expect(secretAfter?.data.PLATFORM_JWT_SECRET).toBe(secretBefore?.data.PLATFORM_JWT_SECRET);
    expect(secretAfter?.data.PLATFORM_SERVICE_TOKEN_SECRET).toBe(secretBefore?.data.PLATFORM_SERVICE_TOKEN_SECRET);
    // So does the service login's generated password, which the Pods hold and the Job set.
    expect(secretAfter?.data.SERVICE_DATABASE_PASSWORD).toHaveLength(64);
    expect(secretAfter?.data.SERVICE_DATABASE_URL).toBe(secretBefore?.data.SERVICE_DATABASE_URL);
    // And the keyring: a new one would leave every store's sealed Stripe keys unopenable.
    expect(secretAfter?.data.PLATFORM_SECRETS_KEYRING).toBeDefined();
    expect(secretAfter?.data.PLATFORM_SECRETS_KEYRING).toBe(secretBefore?.data.PLATFORM_SECRETS_KEYRING);
  }, 120_000);

  it("runs the upgrade's Jobs with this release's values: a changed service-login password and new Redis users reach them in the same upgrade, as the Pods get them", async () => {
    const namespace = `ns-${randomUUID().slice(0, 8)}`;
    await kube.createNamespace(namespace);
    /** Job name -> env name -> the value it read, as the Secrets were while it ran. */
    const seen = new Map<string, Record<string, string | undefined>>();
    standIn = startJobControllerStandIn(kube, namespace, async (job: JobObject) => {
      const values: Record<string, string | undefined> = {};
      for (const env of job.spec.template.spec.containers[0]!.env ?? []) {
        const ref = env.valueFrom?.secretKeyRef;
        if (!ref) continue;
        const secret = await kube.get<Secret>(`/api/v1/namespaces/${namespace}/secrets/${ref.name}`);
        values[env.name] = secret?.data[ref.key] === undefined ? undefined : Buffer.from(secret.data[ref.key]!, 'base64').toString();
      }
      seen.set(job.metadata.name.replace('fourth-storefront-platform-', ''), values);
    });
    const mainSecret = async () => {
      const secret = await kube.get<Secret>(`/api/v1/namespaces/${namespace}/secrets/fourth-storefront-platform-secrets`);
      return (key: string) => Buffer.from(secret!.data[key]!, 'base64').toString();
    };
    const admin = { url: 'redis://platform-admin:admin-pw@redis-master:6379' };
    await helm.install('fourth', CHART_DIR, { namespace, valuesFiles: [EMAIL_VALUES], timeoutSeconds: 60, values: { database: { serviceLogin: { password: 'first-service-login-password' } } } });

    seen.clear();
    await helm.upgrade('fourth', CHART_DIR, { namespace, valuesFiles: [EMAIL_VALUES], timeoutSeconds: 60, values: { database: { serviceLogin: { password: 'second-service-login-password' } }, redis: { admin } } });
    // Before: a pre-upgrade Job read the Secret as the last release left it, and set the old password again.
    expect(new URL(seen.get('migrate-all-tenants')!.PLATFORM_SERVICE_DATABASE_URL!).password).toBe('second-service-login-password');
    const afterFirst = await mainSecret();
    expect(seen.get('ensure-redis-users')).toEqual({
      PLATFORM_REDIS_ADMIN_URL: admin.url,
      // Drawn in this upgrade: the Job sets exactly what the Pods then get.
      PLATFORM_REDIS_URL_PLATFORM_API: afterFirst('REDIS_URL_PLATFORM_API'),
      PLATFORM_REDIS_URL_CHECKOUT: afterFirst('REDIS_URL_CHECKOUT'),
      PLATFORM_REDIS_URL_SEARCH: afterFirst('REDIS_URL_SEARCH'),
      PLATFORM_REDIS_URL_NOTIFICATIONS: afterFirst('REDIS_URL_NOTIFICATIONS'),
    });
    expect(new URL(afterFirst('REDIS_URL_CHECKOUT')).password).toMatch(/^[0-9a-f]{64}$/);
    // The hook Secret is gone once the hooks succeeded.
    expect(await kube.get(`/api/v1/namespaces/${namespace}/secrets/fourth-storefront-platform-hook-secrets`)).toBeUndefined();

    seen.clear();
    await helm.upgrade('fourth', CHART_DIR, { namespace, valuesFiles: [EMAIL_VALUES], timeoutSeconds: 60, values: { database: { serviceLogin: { password: 'second-service-login-password' } }, redis: { admin } } });
    // Generated passwords are kept: the Job sets the ones the running Pods hold.
    const afterSecond = await mainSecret();
    expect(afterSecond('REDIS_URL_CHECKOUT')).toBe(afterFirst('REDIS_URL_CHECKOUT'));
    expect(seen.get('ensure-redis-users')!.PLATFORM_REDIS_URL_CHECKOUT).toBe(afterFirst('REDIS_URL_CHECKOUT'));
  }, 180_000);

  it('uninstalls the release but keeps the Store CRD and the Stores in it', async () => {
    const namespace = await namespaceWithJobs('third');
    await helm.install('third', CHART_DIR, { namespace, valuesFiles: [EMAIL_VALUES], timeoutSeconds: 60 });
    await kube.create(`/apis/storefront.platform.io/v1alpha1/namespaces/${namespace}/stores`, {
      apiVersion: 'storefront.platform.io/v1alpha1',
      kind: 'Store',
      metadata: { name: 'kept-shop' },
      spec: { tenantId: randomUUID(), slug: 'kept-shop', plan: 'starter' },
    });

    await helm.uninstall('third', { namespace, timeoutSeconds: 60 });

    expect(await helm.list(namespace)).toEqual([]);
    expect(await statefulSetReplicas(namespace)).toEqual({});
    expect(await kube.list(`/apis/apps/v1/namespaces/${namespace}/deployments`)).toEqual([]);
    expect(await kube.get('/apis/rbac.authorization.k8s.io/v1/clusterroles/third-storefront-platform-tenant-operator')).toBeUndefined();
    expect(await kube.get(CRD_PATH)).toBeDefined();
    expect(await kube.get(`/apis/storefront.platform.io/v1alpha1/namespaces/${namespace}/stores/kept-shop`)).toMatchObject({ spec: { slug: 'kept-shop' } });
  }, 120_000);
});
