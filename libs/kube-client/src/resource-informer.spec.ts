import { createLogger } from '@storefront/observability';
import { startTestControlPlane, type TestControlPlane } from '@storefront/k8s-testenv';
import { createNamespace, waitFor } from '../testing';
import { KubeApiClient } from './kube-api-client';
import { resourcePath, SECRETS } from './kube-resources';
import { loadKubeConfig } from './load-kube-config';
import { ResourceInformer, type InformerEvent } from './resource-informer';

describe('resource informer (real kube-apiserver)', () => {
  let plane: TestControlPlane;
  let admin: KubeApiClient;
  let reader: KubeApiClient;
  const logger = createLogger({ service: 'informer-test', level: 'silent' });

  beforeAll(async () => {
    plane = await startTestControlPlane({ users: [{ name: 'informer-reader' }] });
    admin = new KubeApiClient(loadKubeConfig(plane.kubeconfigPath));
    reader = new KubeApiClient(loadKubeConfig(plane.users[0]!.kubeconfigPath));
  }, 120_000);

  afterAll(async () => {
    await plane?.stop();
  });

  const secret = (namespace: string, name: string, value: string): Record<string, unknown> => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    data: { value: Buffer.from(value).toString('base64') },
  });

  async function grantRead(namespace: string): Promise<void> {
    await admin.create(`/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/roles`, {
      metadata: { name: 'read-secrets', namespace },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list', 'watch'] }],
    });
    await admin.create(`/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`, {
      metadata: { name: 'read-secrets', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'read-secrets' },
      subjects: [{ kind: 'User', name: 'informer-reader', apiGroup: 'rbac.authorization.k8s.io' }],
    });
  }

  it('keeps retrying a failing list until it succeeds, then delivers add, update and delete from the watch', async () => {
    const namespace = await createNamespace(admin);
    await admin.create(resourcePath(SECRETS, namespace), secret(namespace, 'before-1', 'a'));
    const events: [InformerEvent, string][] = [];
    const informer = new ResourceInformer<{ metadata: { name: string; namespace: string } }>({
      client: reader,
      path: resourcePath(SECRETS, namespace),
      logger,
      onEvent: (event, object) => events.push([event, object.metadata.name]),
    });
    let synced = false;
    const started = informer.start().then(() => (synced = true));
    try {
      // No RBAC yet: every list is refused with 403 and retried with backoff.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(synced).toBe(false);
      await admin.create(resourcePath(SECRETS, namespace), secret(namespace, 'before-2', 'b'));
      await grantRead(namespace);
      await started;
      expect(informer.list().map((s) => s.metadata.name).sort()).toEqual(['before-1', 'before-2']);

      await admin.create(resourcePath(SECRETS, namespace), secret(namespace, 'after', 'c'));
      await admin.mergePatch(resourcePath(SECRETS, namespace, 'after'), { data: { value: Buffer.from('d').toString('base64') } });
      await admin.delete(resourcePath(SECRETS, namespace, 'before-1'));
      await waitFor('watch events', async () => events.length >= 5);
      expect(events.slice(2)).toEqual([['add', 'after'], ['update', 'after'], ['delete', 'before-1']]);
      expect(informer.get(`${namespace}/before-1`)).toBeUndefined();
    } finally {
      await informer.stop();
    }
  }, 60_000);

  it('relists periodically without reporting unchanged objects as updates, and catches up on changes', async () => {
    const namespace = await createNamespace(admin);
    await grantRead(namespace);
    for (const name of ['one', 'two']) await admin.create(resourcePath(SECRETS, namespace), secret(namespace, name, name));
    const events: [InformerEvent, string][] = [];
    const informer = new ResourceInformer<{ metadata: { name: string; namespace: string } }>({
      client: reader,
      path: resourcePath(SECRETS, namespace),
      relistIntervalMs: 150,
      logger,
      onEvent: (event, object) => events.push([event, object.metadata.name]),
    });
    await informer.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(events).toEqual([['add', 'one'], ['add', 'two']]);
      await admin.delete(resourcePath(SECRETS, namespace, 'one'));
      await admin.create(resourcePath(SECRETS, namespace), secret(namespace, 'three', '3'));
      await waitFor('the changes', async () => informer.list().length === 2 && informer.get(`${namespace}/three`) !== undefined);
      expect(events.slice(2).sort()).toEqual([['add', 'three'], ['delete', 'one']]);
    } finally {
      await informer.stop();
    }
  }, 60_000);
});
