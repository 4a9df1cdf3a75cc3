import { HelmCli, parseManifests, type KubeObject } from '@storefront/helm';
import { startTestControlPlane, type TestControlPlane } from '@storefront/k8s-testenv';
import { testDatabaseUrl, testRedisUrl } from '@storefront/testing';
import { join } from 'node:path';
import { startDeploymentControllerStandIn } from '@storefront/kube-client/testing';
import { KubeApiClient, CUSTOM_RESOURCE_DEFINITIONS, LEASES, resourcePath } from '@storefront/kube-client';
import { STORES } from '@storefront/store-resource';
import { startOperatorProcess, type OperatorProcess } from '../test/operator-process';
import { createNamespace, createStore, getStore, isReady, kubeConfigFrom, waitFor } from '../test/operator-test-env';
import { OPERATOR_STORE_NAMESPACE_RULES } from './deploy/operator-rbac';

/**
 * The operator as the Helm chart installs it: its ServiceAccount with the chart's RBAC and the
 * chart's environment, against a real API server. Proves the chart's grants are enough for a
 * Store's whole life (provision, leader Lease, deletion through the finalizer) and no wider:
 * SubjectAccessReviews ask the API server what the ServiceAccount may do elsewhere.
 */
const CHART_DIR = join(__dirname, '..', '..', '..', 'charts', 'storefront-platform');
const PLATFORM_NAMESPACE = 'storefront-platform';
/** The chart's default Store namespace, which it creates. */
const DEFAULT_STORE_NAMESPACE = `${PLATFORM_NAMESPACE}-stores`;
const RBAC_KINDS: Record<string, string> = {
  ServiceAccount: 'serviceaccounts',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  Role: 'roles',
  RoleBinding: 'rolebindings',
};
const serviceAccountUser = (release: string): string => `system:serviceaccount:${PLATFORM_NAMESPACE}:${release}-storefront-platform-tenant-operator`;
const SA_GROUPS = ['system:serviceaccounts', `system:serviceaccounts:${PLATFORM_NAMESPACE}`];

interface Container {
  env: { name: string; value?: string; valueFrom?: unknown }[];
}

describe('tenant operator with the Helm chart\'s ServiceAccount and RBAC (real kube-apiserver and PostgreSQL)', () => {
  let plane: TestControlPlane;
  let admin: KubeApiClient;
  let helm: HelmCli;
  let operator: OperatorProcess | undefined;

  beforeAll(async () => {
    plane = await startTestControlPlane({
      users: [{ name: serviceAccountUser('wide'), groups: SA_GROUPS }, { name: serviceAccountUser('scoped'), groups: SA_GROUPS }],
    });
    admin = new KubeApiClient(kubeConfigFrom(plane.kubeconfigPath));
    helm = new HelmCli({ binary: join(plane.binDir, 'helm'), env: plane.helmEnv });
    await createNamespace(admin, PLATFORM_NAMESPACE);
  }, 30 * 60_000);

  afterEach(async () => {
    await operator?.kill('SIGTERM');
    operator = undefined;
  });

  afterAll(async () => {
    await plane?.stop();
  });

  /** Applies the chart's CRD and the operator's ServiceAccount and RBAC objects; returns the rendered chart. */
  async function installOperatorRbac(release: string, values: Record<string, unknown>): Promise<KubeObject[]> {
    // Email off: these specs are about the operator's grants, and the chart refuses to render without an email decision.
    const objects = parseManifests(await helm.template(release, CHART_DIR, { namespace: PLATFORM_NAMESPACE, values: { email: { enabled: false }, ...values }, includeCrds: true }));
    const crd = objects.find((o) => o.kind === 'CustomResourceDefinition')!;
    if (!(await admin.get(resourcePath(CUSTOM_RESOURCE_DEFINITIONS, undefined, crd.metadata.name)))) {
      await admin.create(resourcePath(CUSTOM_RESOURCE_DEFINITIONS), crd);
    }
    for (const namespace of objects.filter((o) => o.kind === 'Namespace')) {
      if (!(await admin.get(`/api/v1/namespaces/${namespace.metadata.name}`))) await admin.create('/api/v1/namespaces', namespace);
    }
    for (const object of objects.filter((o) => RBAC_KINDS[o.kind] && o.metadata.name.includes('tenant-operator'))) {
      const base = object.kind === 'ServiceAccount' ? '/api/v1' : '/apis/rbac.authorization.k8s.io/v1';
      const namespaced = !object.kind.startsWith('Cluster');
      await admin.create(`${base}${namespaced ? `/namespaces/${object.metadata.namespace ?? PLATFORM_NAMESPACE}` : ''}/${RBAC_KINDS[object.kind]}`, object);
    }
    return objects;
  }

  /** Starts src/main.ts with the environment the chart gives the operator's container. */
  async function startOperatorAsChartInstallsIt(objects: KubeObject[], kubeconfigPath: string): Promise<OperatorProcess> {
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name.endsWith('tenant-operator')) as KubeObject & {
      spec: { template: { spec: { containers: Container[] } } };
    };
    const config = objects.find((o) => o.kind === 'ConfigMap') as KubeObject & { data: Record<string, string> };
    const { HOST: _host, PORT: _port, ...configEnv } = config.data;
    const plainEnv = Object.fromEntries(deployment.spec.template.spec.containers[0]!.env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]));
    const fromSecrets = deployment.spec.template.spec.containers[0]!.env.filter((e) => e.valueFrom !== undefined).map((e) => e.name).sort();
    // Secrets and the downward API are filled in here the way the kubelet would.
    expect(fromSecrets).toEqual(['DATABASE_URL', 'PLATFORM_OPERATOR_IDENTITY', 'PLATFORM_SERVICE_TOKEN_SECRET', 'REDIS_URL']);
    return startOperatorProcess({
      ...configEnv,
      ...plainEnv,
      KUBECONFIG: kubeconfigPath,
      DATABASE_URL: await testDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      PLATFORM_OPERATOR_IDENTITY: 'tenant-operator-0',
      PLATFORM_SERVICE_TOKEN_SECRET: 's'.repeat(48),
      PLATFORM_OPERATOR_RESYNC_SECONDS: '30',
      LOG_LEVEL: 'warn',
    });
  }

  async function canI(user: string, attributes: Record<string, string>): Promise<boolean> {
    const review = await admin.create<{ status: { allowed: boolean } }>('/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { user, groups: SA_GROUPS, resourceAttributes: attributes },
    });
    return review.status.allowed;
  }

  /** Provision a Store to Ready, then delete it and wait for the operator to release the finalizer. */
  async function storeLifecycle(namespace: string, slug: string): Promise<void> {
    const standIn = startDeploymentControllerStandIn(admin, namespace);
    try {
      await createStore(admin, namespace, slug, { reclaimPolicy: 'Retain' });
      await waitFor(`Store ${slug} to be Ready`, async () => isReady(await getStore(admin, namespace, slug)), 60_000, 250).catch((error: Error) => {
        throw new Error(`${error.message}\n${operator?.output()}`);
      });
      await admin.delete(resourcePath(STORES, namespace, slug));
      await waitFor(`Store ${slug} to be gone`, async () => (await getStore(admin, namespace, slug)) === undefined, 60_000, 250);
    } finally {
      await standIn.stop();
    }
  }

  it("by default serves a Store namespace of its own under a Role there, with nothing cluster-wide, through a Store's whole life, and cannot read the release's Secrets", async () => {
    const objects = await installOperatorRbac('wide', {});
    expect(objects.filter((o) => o.kind.startsWith('Cluster') && o.kind !== 'CustomResourceDefinition').map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
    const role = objects.find((o) => o.kind === 'Role' && o.metadata.name === 'wide-storefront-platform-tenant-operator') as KubeObject & { rules: unknown[] };
    expect({ namespace: role.metadata.namespace, rules: role.rules }).toEqual({ namespace: DEFAULT_STORE_NAMESPACE, rules: OPERATOR_STORE_NAMESPACE_RULES });

    operator = await startOperatorAsChartInstallsIt(objects, plane.users[0]!.kubeconfigPath);
    await storeLifecycle(DEFAULT_STORE_NAMESPACE, 'chart-wide-shop');

    const lease = await admin.get<{ spec: { holderIdentity: string } }>(resourcePath(LEASES, PLATFORM_NAMESPACE, 'storefront-tenant-operator'));
    expect(lease?.spec.holderIdentity).toBe('tenant-operator-0');
    expect(operator.output()).not.toMatch(/forbidden/i);

    const user = serviceAccountUser('wide');
    const elsewhere = await createNamespace(admin);
    expect(await canI(user, { verb: 'get', resource: 'secrets', namespace: 'kube-system' })).toBe(false);
    expect(await canI(user, { verb: 'get', resource: 'secrets', namespace: 'default' })).toBe(false);
    // The chart's own Secret (signing keys, database URLs, the payments keyring) is out of reach.
    expect(await canI(user, { verb: 'get', resource: 'secrets', namespace: PLATFORM_NAMESPACE })).toBe(false);
    expect(await canI(user, { verb: 'get', resource: 'secrets', namespace: DEFAULT_STORE_NAMESPACE })).toBe(true);
    expect(await canI(user, { verb: 'create', resource: 'deployments', group: 'apps', namespace: elsewhere })).toBe(false);
    expect(await canI(user, { verb: 'list', resource: 'secrets' })).toBe(false);
    expect(await canI(user, { verb: 'list', resource: 'stores', group: 'storefront.platform.io' })).toBe(false);
    expect(await canI(user, { verb: 'list', resource: 'pods', namespace: PLATFORM_NAMESPACE })).toBe(false);
    expect(await canI(user, { verb: 'get', resource: 'configmaps', namespace: PLATFORM_NAMESPACE })).toBe(false);
    expect(await canI(user, { verb: 'delete', resource: 'stores', group: 'storefront.platform.io', namespace: PLATFORM_NAMESPACE })).toBe(false);
    expect(await canI(user, { verb: 'create', resource: 'clusterroles', group: 'rbac.authorization.k8s.io' })).toBe(false);
    expect(await canI(user, { verb: 'delete', resource: 'customresourcedefinitions', group: 'apiextensions.k8s.io' })).toBe(false);
    expect(await canI(user, { verb: 'update', resource: 'leases', group: 'coordination.k8s.io', namespace: 'kube-system' })).toBe(false);
  }, 240_000);

  it('with operator.watchNamespace, may get and create Secrets in the Store namespace and cannot get those of default, kube-system or the platform namespace', async () => {
    const namespace = await createNamespace(admin);
    const objects = await installOperatorRbac('scoped', { operator: { watchNamespace: namespace } });
    expect(objects.filter((o) => o.kind.startsWith('Cluster') && o.kind !== 'CustomResourceDefinition')).toEqual([]);

    operator = await startOperatorAsChartInstallsIt(objects, plane.users[1]!.kubeconfigPath);
    await storeLifecycle(namespace, 'chart-scoped-shop');
    expect(operator.output()).not.toMatch(/forbidden/i);

    const user = serviceAccountUser('scoped');
    expect(await canI(user, { verb: 'get', resource: 'secrets', namespace })).toBe(true);
    expect(await canI(user, { verb: 'create', resource: 'secrets', namespace })).toBe(true);
    expect(await canI(user, { verb: 'create', resource: 'deployments', group: 'apps', namespace })).toBe(true);
    for (const other of ['default', 'kube-system', PLATFORM_NAMESPACE]) {
      expect({ namespace: other, get: await canI(user, { verb: 'get', resource: 'secrets', namespace: other }) }).toEqual({ namespace: other, get: false });
      expect({ namespace: other, list: await canI(user, { verb: 'list', resource: 'secrets', namespace: other }) }).toEqual({ namespace: other, list: false });
    }
    expect(await canI(user, { verb: 'list', resource: 'stores', group: 'storefront.platform.io' })).toBe(false);
    // Its Lease stays reachable in the release namespace.
    expect(await canI(user, { verb: 'update', resource: 'leases', group: 'coordination.k8s.io', namespace: PLATFORM_NAMESPACE })).toBe(true);
  }, 240_000);
});
