import type { KubeConfig } from '@kubernetes/client-node';
import type { DatabaseClusters } from '@storefront/database';
import { startTestControlPlane, type TestControlPlane } from '@storefront/k8s-testenv';
import { createLogger } from '@storefront/observability';
import { createTestClusters, testDatabaseUrl, testRedisUrl } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
import { KubeApiClient, CUSTOM_RESOURCE_DEFINITIONS, loadKubeConfig, resourcePath } from '@storefront/kube-client';
import { createNamespace, startDeploymentControllerStandIn, waitFor } from '@storefront/kube-client/testing';
import { STORE_CRD, STORES, STORE_API_VERSION, STORE_KIND, type Store, type StoreSpec } from '@storefront/store-resource';
import { OPERATOR_SERVICE_ACCOUNT, operatorRbacManifests } from '../src/deploy/operator-rbac';
import { operatorConfigSchema, type OperatorConfig } from '../src/operator-config';
import { TenantOperator } from '../src/tenant-operator';

export { createNamespace, waitFor };

export const PLATFORM_NAMESPACE = 'storefront-platform';
export const OPERATOR_USER = `system:serviceaccount:${PLATFORM_NAMESPACE}:${OPERATOR_SERVICE_ACCOUNT}`;

export interface OperatorTestCluster {
  readonly plane: TestControlPlane;
  /** Admin (system:masters), for the test's own reads and writes. */
  readonly admin: KubeApiClient;
  /** The operator's ServiceAccount, with exactly the RBAC of deploy/operator-rbac.yaml. */
  readonly operatorKubeConfig: KubeConfig;
  readonly operatorKubeconfigPath: string;
  /** A fresh namespace where the operator's ServiceAccount has its Store-namespace Role (and nowhere else). */
  createStoreNamespace(): Promise<string>;
  stop(): Promise<void>;
}

const RBAC_PLURALS: Record<string, string> = { ServiceAccount: 'serviceaccounts', Role: 'roles', RoleBinding: 'rolebindings' };

async function createRbacObjects(admin: KubeApiClient, manifests: Record<string, unknown>[]): Promise<void> {
  for (const manifest of manifests) {
    const { kind, metadata } = manifest as { kind: string; metadata: { namespace: string } };
    const base = kind === 'ServiceAccount' ? '/api/v1' : '/apis/rbac.authorization.k8s.io/v1';
    await admin.create(`${base}/namespaces/${metadata.namespace}/${RBAC_PLURALS[kind]!}`, manifest);
  }
}

/** A real kube-apiserver with the Store CRD and the operator's RBAC installed. */
export async function startOperatorTestCluster(options: { extraApiServerArgs?: string[] } = {}): Promise<OperatorTestCluster> {
  const plane = await startTestControlPlane({
    users: [{ name: OPERATOR_USER, groups: ['system:serviceaccounts'] }],
    ...(options.extraApiServerArgs ? { extraApiServerArgs: options.extraApiServerArgs } : {}),
  });
  try {
    const admin = new KubeApiClient(kubeConfigFrom(plane.kubeconfigPath));
    await admin.create(resourcePath(CUSTOM_RESOURCE_DEFINITIONS), STORE_CRD);
    await createNamespace(admin, PLATFORM_NAMESPACE);
    // ServiceAccount and Lease Role only; each Store namespace gets its Role when it is created.
    await createRbacObjects(admin, operatorRbacManifests(PLATFORM_NAMESPACE, []));
    await waitFor('the Store CRD to be established', async () => {
      const crd = await admin.get<{ status?: { conditions?: { type: string; status: string }[] } }>(
        resourcePath(CUSTOM_RESOURCE_DEFINITIONS, undefined, STORE_CRD.metadata.name),
      );
      return crd?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false;
    });
    const operatorKubeconfigPath = plane.users[0]!.kubeconfigPath;
    const createStoreNamespace = async (): Promise<string> => {
      const namespace = await createNamespace(admin);
      await createRbacObjects(admin, operatorRbacManifests(PLATFORM_NAMESPACE, [namespace]).filter((m) => (m.metadata as { namespace: string }).namespace === namespace));
      return namespace;
    };
    return { plane, admin, operatorKubeConfig: kubeConfigFrom(operatorKubeconfigPath), operatorKubeconfigPath, createStoreNamespace, stop: () => plane.stop() };
  } catch (error) {
    await plane.stop();
    throw error;
  }
}

export function kubeConfigFrom(path: string): KubeConfig {
  return loadKubeConfig(path);
}

export interface RunningOperator {
  readonly cluster: OperatorTestCluster;
  readonly clusters: DatabaseClusters;
  readonly operator: TenantOperator;
  /** The namespace the operator watches, fresh for each start. */
  readonly namespace: string;
  stop(): Promise<void>;
}

/**
 * The operator running in this process against a real API server, in a namespace of its own,
 * configured as in a cluster but with this machine's PostgreSQL and Redis (it hands them on to
 * the storefront through the Secret exactly as it would there). The test control plane has no
 * controller manager, so a stand-in rolls its Deployments out.
 */
export async function startOperatorInNamespace(): Promise<RunningOperator> {
  const stops: (() => Promise<void>)[] = [];
  // Stopped in reverse: the operator before the databases and the API server it uses.
  const stop = async () => {
    for (const stopOne of stops.splice(0).reverse()) await stopOne();
  };
  try {
    const cluster = await startOperatorTestCluster();
    stops.push(() => cluster.stop());
    const namespace = await cluster.createStoreNamespace();
    const clusters = await createTestClusters();
    stops.push(() => clusters.destroy());
    const config = testOperatorConfig(await testDatabaseUrl(), { PLATFORM_OPERATOR_NAMESPACE: namespace });
    const operator = new TenantOperator({ config, kubeConfig: cluster.operatorKubeConfig, clusters, logger: createLogger({ service: 'tenant-operator', level: 'warn' }) });
    await operator.start();
    stops.push(() => operator.stop());
    const standIn = startDeploymentControllerStandIn(cluster.admin, namespace);
    stops.push(() => standIn.stop());
    return { cluster, clusters, operator, namespace, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Operator configuration as the tests run it: one namespace, fast lease and resync. */
export function testOperatorConfig(databaseUrl: string, overrides: Record<string, string> = {}): OperatorConfig {
  return operatorConfigSchema.parse({
    DATABASE_URL: databaseUrl,
    PLATFORM_DOMAIN: 'shop.test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    PLATFORM_OPERATOR_STOREFRONT_IMAGE: 'registry.example/storefront:1.0.0',
    // A Store may switch to this one (tenant-operator.spec.ts); any other image is refused.
    PLATFORM_OPERATOR_ALLOWED_STOREFRONT_IMAGES: 'registry.example/storefront:2.0.0',
    PLATFORM_OPERATOR_PLATFORM_NAMESPACE: PLATFORM_NAMESPACE,
    PLATFORM_OPERATOR_LEADER_ELECTION: 'false',
    PLATFORM_OPERATOR_WORKERS: '4',
    PLATFORM_OPERATOR_RESYNC_SECONDS: '30',
    // Real: the operator announces activated tenants on it (and hands it to the storefront Pods).
    REDIS_URL: overrides.REDIS_URL ?? testRedisUrl(),
    PLATFORM_SERVICE_TOKEN_SECRET: 'test-service-token-secret-of-32-characters',
    PLATFORM_SHARD_URL_TEMPLATE: 'http://{service}-{shard}.{service}.storefront-platform:8080',
    ...overrides,
  });
}

export function storeManifest(namespace: string, slug: string, spec: Partial<StoreSpec> = {}): Record<string, unknown> {
  return {
    apiVersion: STORE_API_VERSION,
    kind: STORE_KIND,
    metadata: { name: slug, namespace },
    spec: { tenantId: randomUUID(), slug, plan: 'starter', ...spec },
  };
}

export function createStore(admin: KubeApiClient, namespace: string, slug: string, spec: Partial<StoreSpec> = {}): Promise<Store> {
  return admin.create<Store>(resourcePath(STORES, namespace), storeManifest(namespace, slug, spec));
}

export function getStore(admin: KubeApiClient, namespace: string, name: string): Promise<Store | undefined> {
  return admin.get<Store>(resourcePath(STORES, namespace, name));
}

export function patchStoreSpec(admin: KubeApiClient, namespace: string, name: string, spec: Partial<StoreSpec>): Promise<Store> {
  return admin.mergePatch<Store>(resourcePath(STORES, namespace, name), { spec });
}

export function isReady(store: Store | undefined): boolean {
  return !!store && store.status?.observedGeneration === store.metadata.generation &&
    store.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}



export async function schemaAndRoleOf(clusters: DatabaseClusters, tenantId: string): Promise<{ schema: boolean; role: boolean }> {
  const name = `t_${tenantId.replace(/-/g, '')}`;
  const [row] = await clusters.primary.query(
    `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS schema, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS role`,
    [name],
  );
  return row;
}
