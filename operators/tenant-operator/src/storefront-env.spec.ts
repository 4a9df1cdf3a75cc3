import { findFreePort } from '@storefront/dev-services';
import { DEPLOYMENTS, resourcePath, SECRETS } from '@storefront/kube-client';
import { HostClient, startServiceProcess, type ServiceProcess } from '@storefront/testing';
import Redis from 'ioredis';
import { join } from 'node:path';
import { containerEnvironment, dockerfileEntrypoint, dockerfileEnv, type ContainerEnvSpec, type Secret } from '../test/container-environment';
import { createStore, getStore, isReady, startOperatorInNamespace, waitFor, type OperatorTestCluster, type RunningOperator } from '../test/operator-test-env';

/** The storefront's image is the shared one of every Node service, built with PROJECT_ROOT=apps/storefront. */
const STOREFRONT_DOCKERFILE = join(__dirname, '../../../Dockerfile');

interface HttpGetProbe {
  httpGet: { path: string; port: string | number };
}
interface StorefrontContainer extends ContainerEnvSpec {
  ports: { name: string; containerPort: number }[];
  startupProbe: HttpGetProbe;
  livenessProbe: HttpGetProbe;
  readinessProbe: HttpGetProbe;
}

/**
 * The wiring between operator and storefront, proven rather than assumed: the storefront process
 * runs with the environment the operator's Deployment gives its container, as read back from the
 * API server (Secret included), and serves the store's pages by its host.
 */
describe('storefront started with exactly the environment of its Deployment (real kube-apiserver, PostgreSQL, Redis)', () => {
  let env: RunningOperator;
  let cluster: OperatorTestCluster;
  let namespace: string;
  let storefront: ServiceProcess | undefined;

  beforeAll(async () => {
    // Its Secret carries this machine's PostgreSQL and Redis, which the storefront below connects to.
    env = await startOperatorInNamespace();
    ({ cluster, namespace } = env);
  }, 120_000);

  afterAll(async () => {
    await storefront?.stop();
    await env?.stop();
  });

  it("serves the store's home page on its host, and nothing of another store", async () => {
    await createStore(cluster.admin, namespace, 'env-wired-hats', { displayName: 'Env Wired Hats' });
    await createStore(cluster.admin, namespace, 'env-other-shop', { displayName: 'Other Shop' });
    for (const name of ['env-wired-hats', 'env-other-shop']) {
      await waitFor(`Store ${name} to be Ready`, async () => isReady(await getStore(cluster.admin, namespace, name)));
    }

    const deployment = await cluster.admin.get<{ spec: { template: { spec: { containers: StorefrontContainer[] } } } }>(
      resourcePath(DEPLOYMENTS, namespace, 'sf-env-wired-hats'),
    );
    const container = deployment!.spec.template.spec.containers[0]!;
    const env = await containerEnvironment(container, dockerfileEnv(STOREFRONT_DOCKERFILE), (name) =>
      cluster.admin.get<Secret>(resourcePath(SECRETS, namespace, name)),
    );
    const httpPort = container.ports.find((p) => p.name === 'http')!.containerPort;
    expect(env.PORT).toBe(String(httpPort));

    // The one adjustment: PORT. In the Pod the container has a network namespace of its own, so
    // its port 8080 is always free; here every process shares this machine's ports. HOST stays
    // 0.0.0.0 (it works here too); everything else is used exactly as the API server returned it.
    const port = await findFreePort();
    const processEnv = { ...env, PORT: String(port) };
    // The image runs main.js, its link to dist/apps/storefront/src/main.js; here the TypeScript it is
    // compiled from runs from the workspace root (the image's WORKDIR holds the same tree, compiled).
    expect(dockerfileEntrypoint(STOREFRONT_DOCKERFILE)).toEqual(['node', 'main.js']);
    storefront = await startServiceProcess('storefront', 'apps/storefront/src/main.ts', processEnv, 120_000, { exactEnv: true });
    const base = `http://127.0.0.1:${port}`;

    // The kubelet's probes, as the Deployment declares them, pass.
    for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
      expect(probe.httpGet.port).toBe('http');
      expect({ probe: probe.httpGet.path, status: (await fetch(`${base}${probe.httpGet.path}`)).status }).toEqual({ probe: probe.httpGet.path, status: 200 });
    }

    const page = await new HostClient(base, 'env-wired-hats.shop.test').get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Env Wired Hats');

    // Single-tenant: the other store is live, but not served by this store's Pods.
    const other = await new HostClient(base, 'env-other-shop.shop.test').get('/');
    expect(other.status).toBe(404);

    // The Pod's REDIS_URL, in an attacker's hands, reaches the other store's nothing and administers nothing.
    const otherTenant = (await getStore(cluster.admin, namespace, 'env-other-shop'))!.spec.tenantId;
    const stolen = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: 0 });
    try {
      await expect(stolen.get(`storefront:session:${otherTenant}:any-session`)).rejects.toThrow(/NOPERM/);
      await expect(stolen.set(`storefront:session:${otherTenant}:forged`, '{}')).rejects.toThrow(/NOPERM/);
      await expect(stolen.publish(`cache:catalog:invalidate:${otherTenant}`, otherTenant)).rejects.toThrow(/NOPERM/);
      for (const command of [['FLUSHALL'], ['KEYS', '*'], ['CONFIG', 'GET', '*']]) await expect(stolen.call(command[0]!, ...command.slice(1))).rejects.toThrow(/NOPERM/);
    } finally {
      stolen.disconnect();
    }
  }, 180_000);
});
