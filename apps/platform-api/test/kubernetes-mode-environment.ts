import { HelmCli, parseManifests, type KubeObject } from '@storefront/helm';
import { startTestControlPlane, type TestControlPlane } from '@storefront/k8s-testenv';
import { CUSTOM_RESOURCE_DEFINITIONS, KubeApiClient, loadKubeConfig, resourcePath } from '@storefront/kube-client';
import { createNamespace, waitFor } from '@storefront/kube-client/testing';
import { STORES } from '@storefront/store-resource';
import { testDatabaseUrl, testRedisUrl } from '@storefront/testing';
import { join } from 'node:path';
// The operator runs as its own process, started from its entry point as the operator's tests do.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startOperatorProcess, type OperatorProcess } from '../../../operators/tenant-operator/test/operator-process';
import { PlatformApiHarness } from './platform-api-harness';

const CHART_DIR = join(__dirname, '../../../charts/storefront-platform');
const RELEASE = 'shop';
const RELEASE_NAMESPACE = 'storefront-platform';
const serviceAccount = (component: string): string => `system:serviceaccount:${RELEASE_NAMESPACE}:${RELEASE}-storefront-platform-${component}`;
const SA_GROUPS = ['system:serviceaccounts', `system:serviceaccounts:${RELEASE_NAMESPACE}`];
const RBAC_PATHS: Record<string, string> = {
  ServiceAccount: 'serviceaccounts',
  Role: 'roles',
  RoleBinding: 'rolebindings',
};

/**
 * platform-api in Kubernetes mode with a real kube-apiserver and etcd, the real operator process
 * and PostgreSQL: both run as their ServiceAccounts with exactly the RBAC the Helm chart grants
 * them (Stores confined to one namespace, as with operator.watchNamespace).
 */
export class KubernetesModeEnvironment {
  private constructor(
    readonly plane: TestControlPlane,
    /** Cluster admin: the test's own view of the API server (and the Deployment stand-in's). */
    readonly admin: KubeApiClient,
    readonly storeNamespace: string,
    readonly operator: OperatorProcess,
    readonly harness: PlatformApiHarness,
    readonly adminToken: string,
  ) {}

  static async start(): Promise<KubernetesModeEnvironment> {
    const plane = await startTestControlPlane({
      users: [
        { name: serviceAccount('platform-api'), groups: SA_GROUPS },
        { name: serviceAccount('tenant-operator'), groups: SA_GROUPS },
      ],
    });
    const admin = new KubeApiClient(loadKubeConfig(plane.kubeconfigPath));
    await createNamespace(admin, RELEASE_NAMESPACE);
    const storeNamespace = await createNamespace(admin);

    const helm = new HelmCli({ binary: join(plane.binDir, 'helm'), env: plane.helmEnv });
    const objects = parseManifests(
      await helm.template(RELEASE, CHART_DIR, { namespace: RELEASE_NAMESPACE, values: { operator: { watchNamespace: storeNamespace }, email: { enabled: false } }, includeCrds: true }),
    );
    await admin.create(resourcePath(CUSTOM_RESOURCE_DEFINITIONS), objects.find((o) => o.kind === 'CustomResourceDefinition'));
    for (const object of objects.filter((o) => RBAC_PATHS[o.kind] && /-(platform-api|tenant-operator)$/.test(o.metadata.name))) {
      await admin.create(rbacPath(object), object);
    }
    await waitFor('the Store CRD to be served', async () => (await admin.list(resourcePath(STORES, storeNamespace)).then(() => true)));

    const operator = await startOperatorProcess({
      KUBECONFIG: plane.users[1]!.kubeconfigPath,
      DATABASE_URL: await testDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      PLATFORM_DOMAIN: 'shop.test',
      PLATFORM_OPERATOR_NAMESPACE: storeNamespace,
      PLATFORM_OPERATOR_PLATFORM_NAMESPACE: RELEASE_NAMESPACE,
      PLATFORM_OPERATOR_LEADER_ELECTION: 'false',
      PLATFORM_OPERATOR_RESYNC_SECONDS: '30',
      PLATFORM_OPERATOR_STOREFRONT_IMAGE: 'registry.example/storefront:1.0.0',
      PLATFORM_SERVICE_TOKEN_SECRET: 's'.repeat(48),
      PLATFORM_SHARD_URL_TEMPLATE: 'http://{service}-{shard}.{service}.storefront-platform:8080',
      LOG_LEVEL: 'warn',
    });
    const harness = await PlatformApiHarness.start({
      PLATFORM_PROVISIONING: 'kubernetes',
      PLATFORM_STORE_NAMESPACE: storeNamespace,
      KUBECONFIG: plane.users[0]!.kubeconfigPath,
    });
    return new KubernetesModeEnvironment(plane, admin, storeNamespace, operator, harness, await harness.adminToken());
  }

  /** The platform API's kubeconfig (its ServiceAccount's rights). */
  get platformApiKubeconfig(): string {
    return this.plane.users[0]!.kubeconfigPath;
  }

  async stop(): Promise<void> {
    await this.harness.close();
    await this.operator.kill('SIGTERM');
    await this.plane.stop();
  }
}

function rbacPath(object: KubeObject): string {
  const base = object.kind === 'ServiceAccount' ? '/api/v1' : '/apis/rbac.authorization.k8s.io/v1';
  return `${base}/namespaces/${object.metadata.namespace ?? RELEASE_NAMESPACE}/${RBAC_PATHS[object.kind]}`;
}
