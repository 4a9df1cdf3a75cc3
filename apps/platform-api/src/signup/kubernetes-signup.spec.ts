import { resourcePath, type KubeApiClient } from '@storefront/kube-client';
import { createNamespace, startDeploymentControllerStandIn, waitFor } from '@storefront/kube-client/testing';
import { STORES, type Store } from '@storefront/store-resource';
import { uniqueSlug } from '@storefront/tenancy/testing';
import { randomUUID } from 'node:crypto';
import { KubernetesModeEnvironment } from '../../test/kubernetes-mode-environment';
import { PlatformApiHarness, tShirtProduct } from '../../test/platform-api-harness';

/**
 * platform-api in Kubernetes mode, through its real HTTP API, with the real operator process, a
 * real kube-apiserver and PostgreSQL: both run as their ServiceAccounts with exactly the RBAC the
 * Helm chart grants them (Stores confined to one namespace, as with operator.watchNamespace).
 */
describe('signup in Kubernetes mode (real kube-apiserver, operator process and PostgreSQL)', () => {
  let env: KubernetesModeEnvironment;
  let admin: KubeApiClient;
  let storeNamespace: string;
  let harness: PlatformApiHarness;
  let adminToken: string;
  let standIn: { stop(): Promise<void> } | undefined;

  beforeAll(async () => {
    env = await KubernetesModeEnvironment.start();
    ({ admin, storeNamespace, harness, adminToken } = env);
  }, 300_000);

  afterEach(async () => {
    await standIn?.stop();
    standIn = undefined;
  });

  afterAll(async () => {
    await env?.stop();
  });

  const tenantDetail = async (tenantId: string) => (await harness.request('GET', `/api/v1/admin/tenants/${tenantId}`, { token: adminToken })).body;
  const conditionsOf = (detail: { store: { conditions: { type: string; status: string; reason: string }[] } | null }) =>
    Object.fromEntries((detail.store?.conditions ?? []).map((c) => [c.type, `${c.status}/${c.reason}`]));

  async function signup(slug: string, storeName: string) {
    const email = `${slug}@merchants.example.com`;
    const password = 'a long merchant password';
    const answer = await harness.request('POST', '/api/v1/signup', { body: { email, password, storeName, slug } });
    return { answer, email, password };
  }

  it('creates the Store and answers 202; the tenant turns active when the operator reports it Ready, with the conditions in the admin detail', async () => {
    const slug = uniqueSlug('kube-hats');
    const { answer, email, password } = await signup(slug, 'Kube Hats');
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ tenantId: expect.any(String), slug, status: 'provisioning', storeUrl: `http://${slug}.shop.test:8081` });
    const { tenantId } = answer.body;

    const store = await admin.get<Store>(resourcePath(STORES, storeNamespace, slug));
    expect(store?.metadata.labels).toEqual({ 'app.kubernetes.io/created-by': 'platform-api' });
    expect(store?.spec).toEqual({ tenantId, slug, displayName: 'Kube Hats', plan: 'starter', suspended: false, reclaimPolicy: 'Retain' });

    // No controller-manager yet: the schema gets ready, the storefront never becomes available.
    const token = await harness.login(email, password);
    await waitFor('the schema to be reported ready', async () => conditionsOf(await tenantDetail(tenantId)).SchemaReady === 'True/Migrated', 60_000, 200);
    const provisioning = await tenantDetail(tenantId);
    expect(provisioning).toMatchObject({ status: 'provisioning', provisionedAt: null, counts: null, store: { namespace: storeNamespace, name: slug, phase: 'Provisioning', ready: false } });
    expect(conditionsOf(provisioning)).toEqual({
      SchemaReady: 'True/Migrated',
      WorkloadReady: 'False/RollingOut',
      DomainsReady: 'True/HostsRouted',
      Ready: 'False/RollingOut',
    });
    const merchantView = await harness.request('GET', '/api/v1/store', { token });
    expect(merchantView.status).toBe(200);
    expect(merchantView.body).toMatchObject({ tenantId, status: 'provisioning', provisioning: { phase: 'Provisioning', ready: false } });
    expect(merchantView.body.provisioning.conditions).toContainEqual({ type: 'WorkloadReady', status: 'False', reason: 'RollingOut' });
    // Until it is live, the rest of the merchant API waits (nothing may touch the schema early).
    const early = await harness.request('GET', '/api/v1/store/settings', { token });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/still being set up/);

    standIn = startDeploymentControllerStandIn(admin, storeNamespace);
    await waitFor('the tenant to be active', async () => (await harness.request('GET', '/api/v1/store', { token })).body.status === 'active', 60_000, 200);
    const live = await tenantDetail(tenantId);
    expect(live).toMatchObject({ status: 'active', provisionedAt: expect.any(String), store: { phase: 'Ready', ready: true } });
    await waitFor('the Ready condition to be mirrored', async () => conditionsOf(await tenantDetail(tenantId)).Ready === 'True/StoreReady', 30_000, 200);
    expect(conditionsOf(await tenantDetail(tenantId))).toEqual({
      SchemaReady: 'True/Migrated',
      WorkloadReady: 'True/Available',
      DomainsReady: 'True/HostsRouted',
      Ready: 'True/StoreReady',
    });

    // The first settings came with provisioning, under the store name given at signup.
    const settings = await harness.request('GET', '/api/v1/store/settings', { token });
    expect(settings.body).toEqual({ name: 'Kube Hats', currency: 'USD', locale: 'en', reviewsAutoApprove: false, reviewRequestDelayDays: 7 });
    expect((await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct() })).status).toBe(201);
  }, 180_000);

  it('mirrors a failing condition: a custom domain another Store already serves', async () => {
    standIn = startDeploymentControllerStandIn(admin, storeNamespace);
    const shared = `shared-${randomUUID().slice(0, 8)}.example.com`;
    const first = uniqueSlug('first');
    await admin.create(resourcePath(STORES, storeNamespace), {
      apiVersion: 'storefront.platform.io/v1alpha1',
      kind: 'Store',
      metadata: { name: first, namespace: storeNamespace },
      spec: { tenantId: randomUUID(), slug: first, plan: 'starter', domains: [shared] },
    });
    await waitFor('the first Store to be Ready', async () =>
      (await admin.get<Store>(resourcePath(STORES, storeNamespace, first)))?.status?.phase === 'Ready', 60_000, 200);

    const slug = uniqueSlug('second');
    const { answer } = await signup(slug, 'Second Shop');
    const { tenantId } = answer.body;
    await waitFor('the signed-up store to be active', async () => (await tenantDetail(tenantId)).status === 'active', 60_000, 200);

    await admin.mergePatch(resourcePath(STORES, storeNamespace, slug), { spec: { domains: [shared] } });
    await waitFor('the conflict to be mirrored', async () => conditionsOf(await tenantDetail(tenantId)).DomainsReady === 'False/DomainConflict', 30_000, 200);
    const detail = await tenantDetail(tenantId);
    expect(detail).toMatchObject({ status: 'active', store: { phase: 'Provisioning', ready: false } });
    expect(detail.store.conditions).toContainEqual(
      expect.objectContaining({ type: 'Ready', status: 'False', reason: 'DomainConflict', message: expect.stringContaining(`${shared} (served by ${storeNamespace}/${first})`) }),
    );
  }, 180_000);

  it('refuses a slug whose Store exists already, keeping nothing of the signup', async () => {
    const slug = uniqueSlug('taken');
    await admin.create(resourcePath(STORES, storeNamespace), {
      apiVersion: 'storefront.platform.io/v1alpha1',
      kind: 'Store',
      metadata: { name: slug, namespace: storeNamespace },
      spec: { tenantId: randomUUID(), slug, plan: 'starter' },
    });
    const { answer, email } = await signup(slug, 'Too Late');
    expect(answer.status).toBe(409);
    expect(answer.body.details).toEqual([{ field: 'slug', message: 'is taken' }]);
    const [{ merchants }] = await harness.clusters.primary.query('SELECT count(*)::int AS merchants FROM platform.merchants WHERE email = $1', [email]);
    expect(merchants).toBe(0);
    const store = await admin.get<Store>(resourcePath(STORES, storeNamespace, slug));
    const tenants = await harness.clusters.primary.query('SELECT id FROM platform.tenants WHERE slug = $1', [slug]);
    // Only the existing Store's own tenant may hold the slug (once the operator registered it).
    expect(tenants.map((t: { id: string }) => t.id).filter((id: string) => id !== store!.spec.tenantId)).toEqual([]);
  }, 60_000);

  it('answers 503 and keeps nothing when the API server refuses the Store', async () => {
    // A namespace the platform API's ServiceAccount has no rights in.
    const forbidden = await PlatformApiHarness.start({
      PLATFORM_PROVISIONING: 'kubernetes',
      PLATFORM_STORE_NAMESPACE: await createNamespace(admin),
      KUBECONFIG: env.platformApiKubeconfig,
    });
    try {
      const slug = uniqueSlug('refused');
      const email = `${slug}@merchants.example.com`;
      const answer = await forbidden.request('POST', '/api/v1/signup', { body: { email, password: 'a long merchant password', storeName: 'Refused', slug } });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('60');
      expect(answer.body.message).toMatch(/could not be set up right now/);
      const [row] = await forbidden.clusters.primary.query(
        'SELECT (SELECT count(*)::int FROM platform.tenants WHERE slug = $1) AS tenants, (SELECT count(*)::int FROM platform.merchants WHERE email = $2) AS merchants',
        [slug, email],
      );
      expect(row).toEqual({ tenants: 0, merchants: 0 });
    } finally {
      await forbidden.close();
    }
  }, 60_000);
});
