import { startTestControlPlane, type TestControlPlane } from '@storefront/k8s-testenv';
import { createNamespace } from '../testing';
import { KubeApiClient, retryOnConflict } from './kube-api-client';
import { KubeApiError } from './kube-api-error';
import { resourcePath, SERVICES } from './kube-resources';
import { loadKubeConfig } from './load-kube-config';

interface ConfigMap {
  metadata: { name: string; resourceVersion: string; managedFields?: { manager: string; operation: string }[] };
  data?: Record<string, string>;
}

describe('kube API client (real kube-apiserver)', () => {
  let plane: TestControlPlane;
  let client: KubeApiClient;
  let namespace: string;
  const configMaps = (name?: string): string => `/api/v1/namespaces/${namespace}/configmaps${name ? `/${name}` : ''}`;

  beforeAll(async () => {
    plane = await startTestControlPlane();
    client = new KubeApiClient(loadKubeConfig(plane.kubeconfigPath));
    namespace = await createNamespace(client);
  }, 120_000);

  afterAll(async () => {
    await plane?.stop();
  });

  it('answers undefined for a missing object and a KubeApiError with status and reason otherwise', async () => {
    expect(await client.get(configMaps('missing'))).toBeUndefined();
    await client.create(configMaps(), { metadata: { name: 'once' } });
    const duplicate = await client.create(configMaps(), { metadata: { name: 'once' } }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(KubeApiError);
    expect(duplicate).toMatchObject({ statusCode: 409, reason: 'AlreadyExists' });
    const invalid = await client.create(resourcePath(SERVICES, namespace), { metadata: { name: 'Not_A_Name' }, spec: { ports: [{ port: 80 }] } }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ statusCode: 422, reason: 'Invalid' });
  });

  it('applies with a field manager, and a second manager cannot take a field without force', async () => {
    const path = configMaps('applied');
    await client.apply(path, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace }, data: { plan: 'growth' } }, { fieldManager: 'operator' });
    const rival = await client
      .apply(path, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace }, data: { plan: 'starter' } }, { fieldManager: 'rival' })
      .catch((e: unknown) => e);
    expect(rival).toMatchObject({ statusCode: 409, reason: 'Conflict' });
    const forced = await client.apply<ConfigMap>(path, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace }, data: { plan: 'starter' } }, { fieldManager: 'rival', force: true });
    expect(forced.data).toEqual({ plan: 'starter' });
    expect(forced.metadata.managedFields?.map((f) => [f.manager, f.operation])).toEqual([['rival', 'Apply']]);
  });

  it('retries a write that lost an optimistic-concurrency race, reading again each time', async () => {
    const path = configMaps('counter');
    await client.create(path.replace('/counter', ''), { metadata: { name: 'counter' }, data: { n: '0' } });
    const stale = (await client.get<ConfigMap>(path))!;
    await client.replace(path, { ...stale, data: { n: '1' } }); // someone else writes first

    let attempts = 0;
    await retryOnConflict(async () => {
      attempts++;
      const current = attempts === 1 ? stale : (await client.get<ConfigMap>(path))!;
      return client.replace(path, { ...current, data: { n: String(Number(current.data!.n) + 1) } });
    });
    expect(attempts).toBe(2);
    expect((await client.get<ConfigMap>(path))!.data).toEqual({ n: '2' });

    let tries = 0;
    const lost = await retryOnConflict(() => {
      tries++;
      return client.replace(path, { ...stale, data: { n: 'never' } });
    }, 3).catch((e: unknown) => e);
    expect(lost).toMatchObject({ statusCode: 409 });
    expect(tries).toBe(3);
  });
});
