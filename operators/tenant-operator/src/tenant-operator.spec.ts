import { databaseUrlAs, type DatabaseClusters } from '@storefront/database';
import { randomUUID } from 'node:crypto';
import { shopperTokenKeyFor, StorefrontDatabaseLogins } from '@storefront/tenancy';
import { redisUrlAs } from '@storefront/redis-acl';
import { testDatabaseUrl, testRedisUrl } from '@storefront/testing';
import Redis from 'ioredis';
import { DEPLOYMENTS, EVENTS, INGRESSES, NETWORK_POLICIES, resourcePath, SECRETS, SERVICES } from '@storefront/kube-client';
import { CREATED_BY_PLATFORM_API, STORES, type Store } from '@storefront/store-resource';
import {
  createStore,
  getStore,
  isReady,
  patchStoreSpec,
  schemaAndRoleOf,
  startOperatorInNamespace,
  storeManifest,
  waitFor,
  type OperatorTestCluster,
  type RunningOperator,
} from '../test/operator-test-env';
import { DATABASE_LOGIN_GENERATION_ANNOTATION } from './reconcile/store-reconciler';
import type { TenantOperator } from './tenant-operator';

interface Owned {
  metadata: { name: string; ownerReferences?: { uid: string; controller?: boolean }[]; managedFields?: { manager: string }[] };
}
interface DeploymentObject extends Owned {
  spec: {
    replicas: number;
    template: {
      metadata: { annotations: Record<string, string> };
      spec: {
        securityContext: Record<string, unknown>;
        containers: { image: string; env: { name: string; value?: string }[]; envFrom: { secretRef: { name: string } }[]; securityContext: Record<string, unknown>; readinessProbe?: unknown; livenessProbe?: unknown; resources: unknown }[];
      };
    };
  };
}

describe('tenant operator (real kube-apiserver and PostgreSQL)', () => {
  let env: RunningOperator;
  let cluster: OperatorTestCluster;
  let clusters: DatabaseClusters;
  let operator: TenantOperator;
  let namespace: string;

  beforeAll(async () => {
    env = await startOperatorInNamespace();
    ({ cluster, clusters, operator, namespace } = env);
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
  });

  const get = <T>(type: Parameters<typeof resourcePath>[0], name: string): Promise<T | undefined> =>
    cluster.admin.get<T>(resourcePath(type, namespace, name));
  const redisUrlOf = async (name: string): Promise<string | undefined> => {
    const secret = await get<{ data: Record<string, string> }>(SECRETS, `sf-${name}-db`);
    return secret && Buffer.from(secret.data.REDIS_URL!, 'base64').toString();
  };
  const redisUserExists = async (tenantId: string): Promise<boolean> => {
    const admin = new Redis(testRedisUrl());
    try {
      return (await admin.call('ACL', 'GETUSER', `storefront-${tenantId}`)) !== null;
    } finally {
      admin.disconnect();
    }
  };
  const waitReady = (name: string, timeoutMs = 30_000): Promise<void> =>
    waitFor(`Store ${name} to be Ready`, async () => isReady(await getStore(cluster.admin, namespace, name)), timeoutMs);

  it('brings 50 Stores created at once to Ready, each with schema, Secret, Deployment, Service, Ingress and NetworkPolicy', async () => {
    const slugs = Array.from({ length: 50 }, (_, i) => `bulk-${i}`);
    const created = await Promise.all(slugs.map((slug) => createStore(cluster.admin, namespace, slug)));
    await waitFor('50 Stores to be Ready', async () => {
      const { items } = await cluster.admin.list<Store>(resourcePath(STORES, namespace));
      return items.filter((s) => s.metadata.name.startsWith('bulk-') && isReady(s)).length === 50;
    }, 150_000, 500);

    for (const store of created) {
      const name = `sf-${store.spec.slug}`;
      expect(await schemaAndRoleOf(clusters, store.spec.tenantId)).toEqual({ schema: true, role: true });
      for (const [type, objectName] of [[SECRETS, `${name}-db`], [DEPLOYMENTS, name], [SERVICES, name], [INGRESSES, name], [NETWORK_POLICIES, name]] as const) {
        const object = await get<Owned>(type, objectName);
        expect({ kind: type.kind, owners: object?.metadata.ownerReferences?.filter((o) => o.controller).map((o) => o.uid) }).toEqual({
          kind: type.kind,
          owners: [store.metadata.uid],
        });
      }
    }
    const [{ tenants }] = await clusters.primary.query(
      `SELECT count(*)::int AS tenants FROM platform.tenants WHERE status = 'active' AND id = ANY($1::uuid[])`,
      [created.map((s) => s.spec.tenantId)],
    );
    expect(tenants).toBe(50);

    const ready = (await getStore(cluster.admin, namespace, 'bulk-0'))!;
    expect(ready.status).toMatchObject({
      phase: 'Ready',
      schemaVersion: expect.any(Number),
      placement: { databaseCluster: 'main', shards: { checkout: expect.any(Number), search: expect.any(Number), notifications: expect.any(Number) } },
      hosts: ['bulk-0.shop.test'],
      url: 'https://bulk-0.shop.test',
    });
    expect(ready.status!.conditions!.map((c) => [c.type, c.status, c.observedGeneration])).toEqual([
      ['SchemaReady', 'True', 1],
      ['WorkloadReady', 'True', 1],
      ['DomainsReady', 'True', 1],
      ['Ready', 'True', 1],
    ]);
  }, 180_000);

  it('runs the storefront as a hardened single-tenant Deployment wired to the tenant Secret', async () => {
    const store = await createStore(cluster.admin, namespace, 'hardened-shop', { plan: 'growth' });
    await waitReady('hardened-shop');
    const deployment = (await get<DeploymentObject>(DEPLOYMENTS, 'sf-hardened-shop'))!;
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0]!;
    expect(deployment.spec.replicas).toBe(2);
    expect(container.env).toEqual([
      { name: 'HOST', value: '0.0.0.0' },
      { name: 'PORT', value: '8080' },
      { name: 'PLATFORM_DOMAIN', value: 'shop.test' },
      { name: 'PLATFORM_STOREFRONT_TENANT_ID', value: store.spec.tenantId },
      { name: 'PLATFORM_SECURE_COOKIES', value: 'true' },
      { name: 'PLATFORM_CHECKOUT_SHARDS', value: '2' },
      { name: 'PLATFORM_SEARCH_SHARDS', value: '2' },
      { name: 'PLATFORM_NOTIFICATIONS_SHARDS', value: '2' },
      { name: 'PLATFORM_SHARD_URL_TEMPLATE', value: 'http://{service}-{shard}.{service}.storefront-platform:8080' },
    ]);
    expect(container.envFrom).toEqual([{ secretRef: { name: 'sf-hardened-shop-db' } }]);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] } });
    expect(container.readinessProbe).toBeDefined();
    expect(container.livenessProbe).toBeDefined();
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '192Mi' }, limits: { cpu: '1', memory: '384Mi' } });

    const secret = (await get<{ data: Record<string, string> }>(SECRETS, 'sf-hardened-shop-db'))!;
    const decoded = Object.fromEntries(Object.entries(secret.data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
    // The store's own database login, never the operator's (see storefront-database-logins.spec.ts).
    const login = {
      user: `t_${store.spec.tenantId.replaceAll('-', '')}_storefront`,
      password: new StorefrontDatabaseLogins(clusters, 'test-service-token-secret-of-32-characters').passwordOf(store.spec.tenantId, 0),
    };
    // Redis as this store's own ACL user, with a password of its own (docs/adr/0700).
    const redisUrl = new URL(decoded.REDIS_URL!);
    expect(redisUrl.username).toBe(`storefront-${store.spec.tenantId}`);
    expect(redisUrl.password).toMatch(/^[0-9a-f]{64}$/);
    expect(decoded).toEqual({
      DATABASE_URL: databaseUrlAs(await testDatabaseUrl(), login),
      REDIS_URL: redisUrlAs(testRedisUrl(), redisUrl.username, redisUrl.password),
      // This store's shopper key only: the platform secret never reaches a storefront Pod.
      PLATFORM_SHOPPER_TOKEN_KEY: shopperTokenKeyFor('test-service-token-secret-of-32-characters', store.spec.tenantId),
    });

    // Rotation on request: a higher generation gives the login a new password and the Secret with it.
    await cluster.admin.mergePatch(resourcePath(STORES, namespace, 'hardened-shop'), {
      metadata: { annotations: { [DATABASE_LOGIN_GENERATION_ANNOTATION]: '1' } },
    });
    const rotated = new StorefrontDatabaseLogins(clusters, 'test-service-token-secret-of-32-characters').passwordOf(store.spec.tenantId, 1);
    await waitFor('the rotated database password in the Secret', async () => {
      const data = (await get<{ data: Record<string, string> }>(SECRETS, 'sf-hardened-shop-db'))!.data;
      return new URL(Buffer.from(data.DATABASE_URL!, 'base64').toString()).password === rotated;
    });

    const policy = (await get<{ spec: { policyTypes: string[]; ingress: unknown[]; egress: unknown[] } }>(NETWORK_POLICIES, 'sf-hardened-shop'))!;
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port: 8080 }] },
    ]);
    // Egress as the API server stored it: these rules and nothing else (no API server, no other storefront, no internet).
    const platform = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'storefront-platform' } } };
    expect(policy.spec.egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      },
      { to: [platform], ports: [{ protocol: 'TCP', port: 5432 }] },
      { to: [platform], ports: [{ protocol: 'TCP', port: 6379 }] },
      {
        to: [{ ...platform, podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['checkout', 'search', 'notifications'] }] } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);

    const events = await cluster.admin.list<{ reason: string; involvedObject: { uid: string } }>(resourcePath(EVENTS, namespace), {
      fieldSelector: `involvedObject.uid=${store.metadata.uid}`,
    });
    expect(events.items.map((e) => e.reason)).toEqual(expect.arrayContaining(['Migrated', 'Available', 'HostsRouted', 'StoreReady']));
  }, 60_000);

  it('follows spec changes of domains, suspension and image, and puts back a hand-edited Deployment', async () => {
    await createStore(cluster.admin, namespace, 'changing-shop');
    await waitReady('changing-shop');
    const redisUrl = await redisUrlOf('changing-shop');

    await patchStoreSpec(cluster.admin, namespace, 'changing-shop', { domains: ['changing.example.com', 'www.changing.example.com'] });
    await waitReady('changing-shop');
    const ingress = (await get<{ spec: { rules: { host: string }[]; tls: { hosts: string[] }[] }; metadata: { annotations: Record<string, string> } }>(INGRESSES, 'sf-changing-shop'))!;
    expect(ingress.spec.rules.map((r) => r.host)).toEqual(['changing-shop.shop.test', 'changing.example.com', 'www.changing.example.com']);
    expect(ingress.spec.tls.map((t) => t.hosts)).toEqual([['changing-shop.shop.test'], ['changing.example.com'], ['www.changing.example.com']]);
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt');

    await patchStoreSpec(cluster.admin, namespace, 'changing-shop', { suspended: true });
    await waitFor('the store to report Suspended', async () => {
      const store = await getStore(cluster.admin, namespace, 'changing-shop');
      return store?.status?.phase === 'Suspended' && store.status.observedGeneration === store.metadata.generation;
    });
    expect((await get<DeploymentObject>(DEPLOYMENTS, 'sf-changing-shop'))!.spec.replicas).toBe(0);
    const suspended = (await getStore(cluster.admin, namespace, 'changing-shop'))!;
    expect(suspended.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'Suspended' });

    await patchStoreSpec(cluster.admin, namespace, 'changing-shop', { suspended: false, storefront: { image: 'registry.example/storefront:2.0.0' } });
    await waitReady('changing-shop');
    const resumed = (await get<DeploymentObject>(DEPLOYMENTS, 'sf-changing-shop'))!;
    expect(resumed.spec.replicas).toBe(1);
    expect(resumed.spec.template.spec.containers[0]!.image).toBe('registry.example/storefront:2.0.0');

    // Someone edits the Deployment by hand (kubectl edit is an update by another field manager).
    await cluster.admin.mergePatch(resourcePath(DEPLOYMENTS, namespace, 'sf-changing-shop'), {
      spec: { replicas: 7, template: { spec: { containers: [{ name: 'storefront', image: 'evil.example/miner:latest' }] } } },
    });
    await waitFor('the operator to put the Deployment back', async () => {
      const d = await get<DeploymentObject>(DEPLOYMENTS, 'sf-changing-shop');
      return d?.spec.replicas === 1 && d.spec.template.spec.containers[0]!.image === 'registry.example/storefront:2.0.0';
    });

    // Deleted or edited by hand, the other objects come back without waiting for a resync (30 s here).
    await cluster.admin.delete(resourcePath(SERVICES, namespace, 'sf-changing-shop'));
    await cluster.admin.delete(resourcePath(NETWORK_POLICIES, namespace, 'sf-changing-shop'));
    await cluster.admin.mergePatch(resourcePath(INGRESSES, namespace, 'sf-changing-shop'), { spec: { rules: [{ host: 'phishing.example.com' }] } });
    await waitFor('the operator to restore Service, NetworkPolicy and Ingress', async () => {
      const ingress = await get<{ spec: { rules: { host: string }[] } }>(INGRESSES, 'sf-changing-shop');
      return (
        (await get(SERVICES, 'sf-changing-shop')) !== undefined &&
        (await get(NETWORK_POLICIES, 'sf-changing-shop')) !== undefined &&
        JSON.stringify(ingress?.spec.rules.map((r) => r.host)) === JSON.stringify(['changing-shop.shop.test', 'changing.example.com', 'www.changing.example.com'])
      );
    }, 10_000);
    // Every reconcile refreshed the store's Redis user and kept its password: the Pods' REDIS_URL still holds.
    expect(await redisUrlOf('changing-shop')).toBe(redisUrl);
  }, 90_000);

  it('refuses a storefront image outside the allowlist: Ready=False ImageNotAllowed, a Warning Event, and no Secret, Deployment or schema', async () => {
    const store = await createStore(cluster.admin, namespace, 'foreign-image-shop', { storefront: { image: 'evil.example/miner:latest' } });
    await waitFor('the image to be refused', async () => (await getStore(cluster.admin, namespace, 'foreign-image-shop'))?.status?.phase === 'Failed');
    const refused = (await getStore(cluster.admin, namespace, 'foreign-image-shop'))!;
    expect(refused.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ImageNotAllowed',
      message: expect.stringContaining('storefront image "evil.example/miner:latest" is not in the operator\'s allowlist'),
    });
    await waitFor('the Warning Event', async () => {
      const events = await cluster.admin.list<{ type: string; reason: string }>(resourcePath(EVENTS, namespace), { fieldSelector: `involvedObject.uid=${store.metadata.uid}` });
      return events.items.some((e) => e.type === 'Warning' && e.reason === 'ImageNotAllowed');
    });
    for (const [type, name] of [[SECRETS, 'sf-foreign-image-shop-db'], [DEPLOYMENTS, 'sf-foreign-image-shop']] as const) {
      expect({ kind: type.kind, object: await get(type, name) }).toEqual({ kind: type.kind, object: undefined });
    }
    expect(await schemaAndRoleOf(clusters, store.spec.tenantId)).toEqual({ schema: false, role: false });

    // A running store switched to a foreign image keeps its Deployment and Secret as they were.
    await createStore(cluster.admin, namespace, 'switching-shop');
    await waitReady('switching-shop');
    const secretBefore = await get<{ data: Record<string, string> }>(SECRETS, 'sf-switching-shop-db');
    await patchStoreSpec(cluster.admin, namespace, 'switching-shop', { storefront: { image: 'registry.example/storefront-evil:2.0.0' } });
    await waitFor('the switch to be refused', async () => {
      const switched = await getStore(cluster.admin, namespace, 'switching-shop');
      return switched?.status?.observedGeneration === switched?.metadata.generation && switched?.status?.conditions?.find((c) => c.type === 'Ready')?.reason === 'ImageNotAllowed';
    });
    expect((await get<DeploymentObject>(DEPLOYMENTS, 'sf-switching-shop'))!.spec.template.spec.containers[0]!.image).toBe('registry.example/storefront:1.0.0');
    expect((await get<{ data: Record<string, string> }>(SECRETS, 'sf-switching-shop-db'))!.data).toEqual(secretBefore!.data);
  }, 60_000);

  it('routes a domain to the Store that claimed it first and reports the conflict on the other', async () => {
    await createStore(cluster.admin, namespace, 'first-claim', { domains: ['shared.example.com'] });
    await waitReady('first-claim');
    await createStore(cluster.admin, namespace, 'second-claim', { domains: ['shared.example.com', 'own.example.com'] });
    await waitFor('the conflict to be reported', async () => {
      const store = await getStore(cluster.admin, namespace, 'second-claim');
      return store?.status?.conditions?.find((c) => c.type === 'DomainsReady')?.reason === 'DomainConflict';
    });
    const ingress = (await get<{ spec: { rules: { host: string }[] } }>(INGRESSES, 'sf-second-claim'))!;
    expect(ingress.spec.rules.map((r) => r.host)).toEqual(['second-claim.shop.test', 'own.example.com']);
    expect((await getStore(cluster.admin, namespace, 'second-claim'))!.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');

    // Names under the platform domain belong to stores' slugs; a custom domain cannot take one.
    await createStore(cluster.admin, namespace, 'squatter', { domains: ['first-claim.shop.test'] });
    await waitFor('the reserved domain to be refused', async () =>
      (await getStore(cluster.admin, namespace, 'squatter'))?.status?.conditions?.find((c) => c.type === 'DomainsReady')?.reason === 'DomainReserved');
    expect((await get<{ spec: { rules: { host: string }[] } }>(INGRESSES, 'sf-squatter'))!.spec.rules.map((r) => r.host)).toEqual(['squatter.shop.test']);
  }, 60_000);

  it('reports a slug already registered to another tenant instead of provisioning it twice', async () => {
    await createStore(cluster.admin, namespace, 'taken-slug');
    await waitReady('taken-slug');
    const other = await cluster.admin.create<Store>(resourcePath(STORES, namespace), storeManifest(namespace, 'taken-slug-again', { slug: 'taken-slug' }));
    await waitFor('the slug conflict to be reported', async () => {
      const store = await getStore(cluster.admin, namespace, 'taken-slug-again');
      return store?.status?.phase === 'Failed';
    });
    const failed = (await getStore(cluster.admin, namespace, 'taken-slug-again'))!;
    expect(failed.status!.conditions!.find((c) => c.type === 'SchemaReady')).toMatchObject({ status: 'False', reason: 'SlugTaken' });
    const [{ n }] = await clusters.primary.query('SELECT count(*)::int AS n FROM platform.tenants WHERE id = $1', [other.spec.tenantId]);
    expect(n).toBe(0);
  }, 60_000);

  it("does not bring to life a signup's Store whose tenant signup undid (no registry row)", async () => {
    // Signup created the Store, lost the answer, and discarded the tenant: the Store must not resurrect it.
    const manifest = storeManifest(namespace, 'undone-signup') as { metadata: Record<string, unknown> };
    const orphan = await cluster.admin.create<Store>(resourcePath(STORES, namespace), {
      ...manifest,
      metadata: { ...manifest.metadata, labels: { ...CREATED_BY_PLATFORM_API } },
    });
    await waitFor('the missing registration to be reported', async () =>
      (await getStore(cluster.admin, namespace, 'undone-signup'))?.status?.conditions?.find((c) => c.type === 'SchemaReady')?.reason === 'TenantNotRegistered');
    const [{ n }] = await clusters.primary.query('SELECT count(*)::int AS n FROM platform.tenants WHERE id = $1', [orphan.spec.tenantId]);
    expect(n).toBe(0);
    expect(await schemaAndRoleOf(clusters, orphan.spec.tenantId)).toEqual({ schema: false, role: false });
  }, 60_000);

  it('drops schema and role when a Store with reclaimPolicy Delete is deleted, then releases the Store', async () => {
    const store = await createStore(cluster.admin, namespace, 'deleted-shop', { reclaimPolicy: 'Delete' });
    await waitReady('deleted-shop');
    expect(await schemaAndRoleOf(clusters, store.spec.tenantId)).toEqual({ schema: true, role: true });
    expect(await redisUserExists(store.spec.tenantId)).toBe(true);

    await cluster.admin.delete(resourcePath(STORES, namespace, 'deleted-shop'));
    await waitFor('the Store to be released', async () => (await getStore(cluster.admin, namespace, 'deleted-shop')) === undefined);
    expect(await schemaAndRoleOf(clusters, store.spec.tenantId)).toEqual({ schema: false, role: false });
    const [tenant] = await clusters.primary.query('SELECT status FROM platform.tenants WHERE id = $1', [store.spec.tenantId]);
    expect(tenant.status).toBe('deleted');
    // No garbage collector runs here; the operator itself stops the storefront before dropping.
    expect(await get(DEPLOYMENTS, 'sf-deleted-shop')).toBeUndefined();
    // Its Redis user goes with it: a leaked copy of the Secret logs in to nothing.
    expect(await redisUserExists(store.spec.tenantId)).toBe(false);
  }, 60_000);

  it('never drops a tenant that another Store or another slug owns, even with reclaimPolicy Delete', async () => {
    const owner = await createStore(cluster.admin, namespace, 'owner-shop');
    await waitReady('owner-shop');
    await createStore(cluster.admin, namespace, 'impostor-shop', { tenantId: owner.spec.tenantId, reclaimPolicy: 'Delete' });
    await waitFor('the claim conflict', async () =>
      (await getStore(cluster.admin, namespace, 'impostor-shop'))?.status?.conditions?.find((c) => c.type === 'SchemaReady')?.reason === 'TenantClaimed');

    // A tenant registered under another slug, with no Store of its own.
    const provisioned = randomUUID();
    await clusters.primary.query(
      `INSERT INTO platform.tenants (id, slug, name, status, plan, cluster_id, schema_name, role_name, schema_version)
       VALUES ($1, $2, $2, 'active', 'starter', 'main', $3, $3, 0)`,
      [provisioned, `registered-${provisioned.slice(0, 8)}`, `t_${provisioned.replace(/-/g, '')}`],
    );
    await clusters.primary.query(`CREATE SCHEMA "t_${provisioned.replace(/-/g, '')}"`);
    await createStore(cluster.admin, namespace, 'mismatch-shop', { tenantId: provisioned, reclaimPolicy: 'Delete' });
    await waitFor('the slug mismatch', async () =>
      (await getStore(cluster.admin, namespace, 'mismatch-shop'))?.status?.conditions?.find((c) => c.type === 'SchemaReady')?.reason === 'SlugMismatch');

    for (const name of ['impostor-shop', 'mismatch-shop']) {
      await cluster.admin.delete(resourcePath(STORES, namespace, name));
      await waitFor(`${name} to be released`, async () => (await getStore(cluster.admin, namespace, name)) === undefined);
    }
    expect(await schemaAndRoleOf(clusters, owner.spec.tenantId)).toEqual({ schema: true, role: true });
    expect((await schemaAndRoleOf(clusters, provisioned)).schema).toBe(true);
    expect(isReady(await getStore(cluster.admin, namespace, 'owner-shop'))).toBe(true);
  }, 60_000);

  it('keeps the schema when a Store with reclaimPolicy Retain is deleted, then releases the Store', async () => {
    const store = await createStore(cluster.admin, namespace, 'retained-shop');
    await waitReady('retained-shop');

    await cluster.admin.delete(resourcePath(STORES, namespace, 'retained-shop'));
    await waitFor('the Store to be released', async () => (await getStore(cluster.admin, namespace, 'retained-shop')) === undefined);
    expect(await schemaAndRoleOf(clusters, store.spec.tenantId)).toEqual({ schema: true, role: true });
    const [tenant] = await clusters.primary.query('SELECT status FROM platform.tenants WHERE id = $1', [store.spec.tenantId]);
    expect(tenant.status).toBe('suspended');
  }, 60_000);

  it('reports reconcile metrics and readiness', async () => {
    const response = await fetch(`http://127.0.0.1:${operator.healthPort}/metrics`);
    const text = await response.text();
    expect(text).toMatch(/storefront_operator_reconciles_total\{result="success",service="tenant-operator"\} [1-9]/);
    expect(text).toMatch(/storefront_operator_reconcile_duration_seconds_count\{service="tenant-operator",result="success"\} [1-9]/);
    expect(text).toContain('storefront_operator_workqueue_depth');
    expect(text).toMatch(/storefront_operator_is_leader\{service="tenant-operator"\} 1/);
    const ready = await fetch(`http://127.0.0.1:${operator.healthPort}/health/ready`);
    expect(ready.status).toBe(200);
  });
});
