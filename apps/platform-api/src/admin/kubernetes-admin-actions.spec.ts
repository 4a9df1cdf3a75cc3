import { DEPLOYMENTS, resourcePath, type KubeApiClient } from '@storefront/kube-client';
import { startDeploymentControllerStandIn, waitFor } from '@storefront/kube-client/testing';
import { STORES, type Store } from '@storefront/store-resource';
import { uniqueSlug } from '@storefront/tenancy/testing';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
// A real storefront process answers the shoppers, as in the storefront's own tests.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { StorefrontHarness } from '../../../storefront/test/storefront-harness';
import { HostClient } from '@storefront/testing';
import { KubernetesModeEnvironment } from '../../test/kubernetes-mode-environment';
import { PlatformApiHarness } from '../../test/platform-api-harness';

interface DeploymentView {
  spec: { replicas?: number };
}

/**
 * A platform admin's suspend, resume and delete in Kubernetes mode act on the tenant's Store
 * (through the chart's RBAC for platform-api), and the real operator carries them out.
 */
describe('admin suspend, resume and delete in Kubernetes mode (real kube-apiserver, operator process and PostgreSQL)', () => {
  let env: KubernetesModeEnvironment;
  let admin: KubeApiClient;
  let storeNamespace: string;
  let harness: PlatformApiHarness;
  let adminToken: string;
  let storefront: StorefrontHarness;
  let standIn: { stop(): Promise<void> };

  beforeAll(async () => {
    env = await KubernetesModeEnvironment.start();
    ({ admin, storeNamespace, harness, adminToken } = env);
    standIn = startDeploymentControllerStandIn(admin, storeNamespace);
    storefront = await StorefrontHarness.start();
  }, 300_000);

  afterAll(async () => {
    await standIn?.stop();
    await storefront?.close();
    await env?.stop();
  });

  const storePath = (slug: string) => resourcePath(STORES, storeNamespace, slug);
  const storeOf = (slug: string) => admin.get<Store>(storePath(slug));
  const replicasOf = async (slug: string) => (await admin.get<DeploymentView>(resourcePath(DEPLOYMENTS, storeNamespace, `sf-${slug}`)))?.spec.replicas;
  const statusOf = async (tenantId: string, via = harness) => (await via.request('GET', `/api/v1/admin/tenants/${tenantId}`, { token: adminToken })).body.status;
  const shopper = (slug: string) => new HostClient(storefront.storefront.url, `${slug}.shop.test`);
  const auditCount = async (tenantId: string, action: string): Promise<number> => {
    const [row] = await harness.clusters.primary.query('SELECT count(*)::int AS n FROM platform.audit_log WHERE tenant_id = $1 AND action = $2', [tenantId, action]);
    return row.n;
  };
  const schemaExists = async (tenantId: string): Promise<boolean> => {
    const [row] = await harness.clusters.primary.query('SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present', [`t_${tenantId.replace(/-/g, '')}`]);
    return row.present;
  };

  /** Signs up through the API and waits until the operator has the store live. */
  async function liveStore(name: string): Promise<{ tenantId: string; slug: string }> {
    const slug = uniqueSlug(name.toLowerCase().replace(/ /g, '-'));
    const answer = await harness.request('POST', '/api/v1/signup', {
      body: { email: `${slug}@merchants.example.com`, password: 'a long merchant password', storeName: name, slug },
    });
    expect(answer.status).toBe(202);
    await waitFor(`${slug} to be active`, async () => (await statusOf(answer.body.tenantId)) === 'active', 60_000, 200);
    return { tenantId: answer.body.tenantId, slug };
  }

  /** Another platform-api on the same database whose API server does not answer (a closed port). */
  async function platformApiWithoutApiServer(): Promise<PlatformApiHarness> {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const kubeconfig = join(tmpdir(), `unreachable-${randomUUID()}.kubeconfig`);
    writeFileSync(kubeconfig, readFileSync(env.platformApiKubeconfig, 'utf8').replace(/server: *\S+/g, `server: https://127.0.0.1:${closed}`));
    return PlatformApiHarness.start({ PLATFORM_PROVISIONING: 'kubernetes', PLATFORM_STORE_NAMESPACE: storeNamespace, KUBECONFIG: kubeconfig });
  }

  it("suspends and resumes the store's Store: the operator scales its storefront to 0 and back, shoppers get 503 meanwhile, another tenant's Store is untouched", async () => {
    const [hats, bystander] = await Promise.all([liveStore('Suspend Hats'), liveStore('Bystander')]);
    expect((await shopper(hats.slug).get('/')).status).toBe(200);
    const bystanderBefore = await storeOf(bystander.slug);

    const suspended = await harness.request('POST', `/api/v1/admin/tenants/${hats.tenantId}/suspend`, { token: adminToken });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ id: hats.tenantId, status: 'suspended' });
    const store = await storeOf(hats.slug);
    expect(store?.spec.suspended).toBe(true);
    expect((store?.metadata as { managedFields?: { manager: string }[] }).managedFields?.map((f) => f.manager)).toContain('platform-api');
    await waitFor('the storefront to be scaled to 0', async () => (await replicasOf(hats.slug)) === 0, 60_000, 200);
    await waitFor('the Store to report Suspended', async () => (await storeOf(hats.slug))?.status?.phase === 'Suspended', 60_000, 200);
    expect(await statusOf(hats.tenantId)).toBe('suspended');
    await waitFor('the storefront host to answer 503', async () => (await shopper(hats.slug).get('/')).status === 503, 10_000, 100);

    const resumed = await harness.request('POST', `/api/v1/admin/tenants/${hats.tenantId}/resume`, { token: adminToken });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'active' });
    expect((await storeOf(hats.slug))?.spec.suspended).toBe(false);
    await waitFor('the storefront to be scaled up', async () => ((await replicasOf(hats.slug)) ?? 0) > 0, 60_000, 200);
    await waitFor('the Store to be Ready again', async () => (await storeOf(hats.slug))?.status?.phase === 'Ready', 60_000, 200);
    await waitFor('the storefront host to serve again', async () => (await shopper(hats.slug).get('/')).status === 200, 10_000, 100);

    const bystanderAfter = await storeOf(bystander.slug);
    expect(bystanderAfter?.metadata.generation).toBe(bystanderBefore?.metadata.generation);
    expect(bystanderAfter?.spec).toEqual(bystanderBefore?.spec);
    expect(await statusOf(bystander.tenantId)).toBe('active');
    expect((await shopper(bystander.slug).get('/')).status).toBe(200);
  }, 240_000);

  it("changes the Store's plan with the tenant's, so the operator sizes its storefront for it", async () => {
    const store = await liveStore('Plan Change');
    const answer = await harness.request('PUT', `/api/v1/admin/tenants/${store.tenantId}/plan`, { token: adminToken, body: { plan: 'growth' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ plan: 'growth' });
    expect((await storeOf(store.slug))?.spec.plan).toBe('growth');
    await waitFor("the storefront to get the growth plan's 2 replicas", async () => (await replicasOf(store.slug)) === 2, 60_000, 200);
  }, 120_000);

  it('answers 503 with Retry-After and changes nothing when the API server is unreachable', async () => {
    const [active, suspended] = await Promise.all([liveStore('Unreachable Active'), liveStore('Unreachable Suspended')]);
    expect((await harness.request('POST', `/api/v1/admin/tenants/${suspended.tenantId}/suspend`, { token: adminToken })).status).toBe(200);
    const cutOff = await platformApiWithoutApiServer();
    try {
      const token = await cutOff.adminToken();
      for (const [tenant, action, method] of [
        [active, 'suspend', 'POST'],
        [suspended, 'resume', 'POST'],
        [active, '', 'DELETE'],
      ] as const) {
        const answer = await cutOff.request(method, `/api/v1/admin/tenants/${tenant.tenantId}${action ? `/${action}` : ''}`, { token });
        expect({ action: action || 'delete', status: answer.status, retryAfter: answer.headers.get('retry-after') }).toEqual({ action: action || 'delete', status: 503, retryAfter: '60' });
        expect(answer.body.message).toMatch(/could not be changed right now/);
      }
      const plan = await cutOff.request('PUT', `/api/v1/admin/tenants/${active.tenantId}/plan`, { token, body: { plan: 'scale' } });
      expect(plan.status).toBe(503);
    } finally {
      await cutOff.close();
    }
    expect(await statusOf(active.tenantId)).toBe('active');
    expect((await storeOf(active.slug))?.spec).toMatchObject({ suspended: false, plan: 'starter' });
    expect((await harness.request('GET', `/api/v1/admin/tenants/${active.tenantId}`, { token: adminToken })).body.plan).toBe('starter');
    expect(await replicasOf(active.slug)).toBe(1);
    expect(await auditCount(active.tenantId, 'tenant.exported')).toBe(0);
    expect((await shopper(active.slug).get('/')).status).toBe(200);
    expect(await statusOf(suspended.tenantId)).toBe('suspended');
    expect((await storeOf(suspended.slug))?.spec.suspended).toBe(true);
  }, 240_000);

  it("deletes the Store with the tenant: the finalizer stops the storefront, the data is exported once and dropped once whatever the reclaim policy, another tenant's Store stays", async () => {
    const [retained, dropped, bystander] = await Promise.all([liveStore('Delete Retain'), liveStore('Delete Drop'), liveStore('Delete Bystander')]);
    await admin.mergePatch(storePath(dropped.slug), { spec: { reclaimPolicy: 'Delete' } });

    // Retain (the signup default), no retention period: exported, Store gone, dropped at once.
    const deletion = await harness.request('DELETE', `/api/v1/admin/tenants/${retained.tenantId}`, { token: adminToken });
    expect(deletion.status).toBe(200);
    expect(deletion.body).toMatchObject({ tenantId: retained.tenantId, status: 'deleted', export: expect.stringMatching(/\/exports\/[^/]+\.ndjson\.gz$/) });
    await waitFor('the Store to be finalized and gone', async () => (await storeOf(retained.slug)) === undefined, 60_000, 200);
    expect(await replicasOf(retained.slug)).toBeUndefined();
    expect(await statusOf(retained.tenantId)).toBe('deleted');
    expect(await schemaExists(retained.tenantId)).toBe(false);

    // Delete, with a retention period: the finalizer must neither export again nor drop early.
    const retaining = await PlatformApiHarness.start({
      PLATFORM_PROVISIONING: 'kubernetes',
      PLATFORM_STORE_NAMESPACE: storeNamespace,
      KUBECONFIG: env.platformApiKubeconfig,
      PLATFORM_TENANT_RETENTION_HOURS: '24',
    });
    try {
      const answer = await retaining.request('DELETE', `/api/v1/admin/tenants/${dropped.tenantId}`, { token: await retaining.adminToken() });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ status: 'deleting' });
      await waitFor('the Store to be finalized and gone', async () => (await storeOf(dropped.slug)) === undefined, 60_000, 200);
      expect(await replicasOf(dropped.slug)).toBeUndefined();
      expect(await statusOf(dropped.tenantId)).toBe('deleting');
      expect(await schemaExists(dropped.tenantId)).toBe(true);

      await harness.clusters.primary.query("UPDATE platform.tenants SET delete_after = now() - interval '1 minute' WHERE id = $1", [dropped.tenantId]);
      expect(await retaining.api.services.deletions.purgeDue()).toContain(dropped.tenantId);
    } finally {
      await retaining.close();
    }
    expect(await statusOf(dropped.tenantId)).toBe('deleted');
    expect(await schemaExists(dropped.tenantId)).toBe(false);

    for (const tenant of [retained, dropped]) {
      expect({ tenant: tenant.slug, exported: await auditCount(tenant.tenantId, 'tenant.exported'), purged: await auditCount(tenant.tenantId, 'tenant.purged') }).toEqual({
        tenant: tenant.slug,
        exported: 1,
        purged: 1,
      });
    }
    expect(await storeOf(bystander.slug)).toMatchObject({ spec: { tenantId: bystander.tenantId } });
    expect(await statusOf(bystander.tenantId)).toBe('active');
    expect(await replicasOf(bystander.slug)).toBe(1);
  }, 240_000);
});
