import { HttpMethod } from '@kubernetes/client-node';
import { load, loadAll } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeApiError, resourcePath } from '@storefront/kube-client';
import { STORES } from '@storefront/store-resource';
import { createNamespace, createStore, patchStoreSpec, startOperatorTestCluster, storeManifest, type OperatorTestCluster } from '../../test/operator-test-env';
import { deployManifestFiles } from '../deploy/deploy-manifests';

async function rejection(promise: Promise<unknown>): Promise<KubeApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof KubeApiError)) throw new Error(`expected the API server to refuse, got ${String(error)}`);
  return error;
}

describe('Store CRD (real kube-apiserver)', () => {
  let cluster: OperatorTestCluster;
  let namespace: string;

  beforeAll(async () => {
    cluster = await startOperatorTestCluster();
    namespace = await createNamespace(cluster.admin);
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('accepts a valid Store and fills the defaults', async () => {
    const store = await createStore(cluster.admin, namespace, 'hat-shop', { domains: ['hats.example.com'] });
    expect(store.spec).toMatchObject({ slug: 'hat-shop', plan: 'starter', suspended: false, reclaimPolicy: 'Retain' });
  });

  it.each([
    ['a slug with capitals', { slug: 'Hat-Shop' }, 'spec.slug'],
    ['a slug too short', { slug: 'ab' }, 'spec.slug'],
    ['a slug ending in a hyphen', { slug: 'hat-shop-' }, 'spec.slug'],
    ['a reserved slug', { slug: 'admin' }, 'slug is reserved'],
    ['a punycode slug', { slug: 'xn--hat' }, 'punycode'],
    ['an unknown plan', { plan: 'platinum' }, 'spec.plan'],
    ['an unknown reclaim policy', { reclaimPolicy: 'Recycle' }, 'spec.reclaimPolicy'],
    ['a tenant id that is not a UUID', { tenantId: 'tenant-1' }, 'spec.tenantId'],
    ['a domain that is not a host name', { domains: ['https://hats.example.com/'] }, 'spec.domains'],
    ['zero replicas (suspend is the way to stop a store)', { storefront: { replicas: 0 } }, 'spec.storefront.replicas'],
  ])('rejects %s', async (_what, spec, field) => {
    const manifest = storeManifest(namespace, `bad-${Math.random().toString(36).slice(2, 8)}`);
    (manifest as { spec: Record<string, unknown> }).spec = { ...(manifest as { spec: Record<string, unknown> }).spec, ...spec };
    const error = await rejection(cluster.admin.create(resourcePath(STORES, namespace), manifest));
    expect(error.statusCode).toBe(422);
    expect(error.message).toContain(field);
  });

  it('rejects a Store without tenant id, slug or plan', async () => {
    const error = await rejection(
      cluster.admin.create(resourcePath(STORES, namespace), { apiVersion: 'storefront.platform.io/v1alpha1', kind: 'Store', metadata: { name: 'empty', namespace }, spec: {} }),
    );
    expect(error.message).toMatch(/spec.tenantId: Required value/);
    expect(error.message).toMatch(/spec.slug: Required value/);
    expect(error.message).toMatch(/spec.plan: Required value/);
  });

  it('refuses to change the tenant id or slug of an existing Store', async () => {
    await createStore(cluster.admin, namespace, 'shoe-shop');
    const slug = await rejection(patchStoreSpec(cluster.admin, namespace, 'shoe-shop', { slug: 'boot-shop' }));
    expect(slug.message).toContain('slug is immutable');
    const tenant = await rejection(patchStoreSpec(cluster.admin, namespace, 'shoe-shop', { tenantId: '00000000-0000-4000-8000-000000000000' }));
    expect(tenant.message).toContain('tenantId is immutable');
    await expect(patchStoreSpec(cluster.admin, namespace, 'shoe-shop', { plan: 'growth', suspended: true })).resolves.toMatchObject({
      spec: { plan: 'growth', suspended: true },
    });
  });

  it('serves the printer columns kubectl shows', async () => {
    const table = await cluster.admin.request<{ columnDefinitions: { name: string }[] }>(HttpMethod.GET, resourcePath(STORES, namespace), {
      query: { limit: '1' },
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
    });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Slug', 'Plan', 'Phase', 'Ready', 'Suspended', 'Schema', 'Age']);
  });

  it('matches the generated YAML under deploy/', () => {
    for (const [file, content] of Object.entries(deployManifestFiles())) {
      const onDisk = readFileSync(join(__dirname, '../../deploy', file), 'utf8');
      expect(loadAll(onDisk)).toEqual(loadAll(content));
    }
    expect(load(readFileSync(join(__dirname, '../../deploy/store.crd.yaml'), 'utf8'))).toMatchObject({ kind: 'CustomResourceDefinition' });
  });
});
