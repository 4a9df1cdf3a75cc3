import type { KubeObject } from '@storefront/helm';
import type { TestControlPlane } from '@storefront/k8s-testenv';
import { HttpMethod } from '@kubernetes/client-node';
import { KubeApiClient, loadKubeConfig } from '@storefront/kube-client';

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/**
 * The few API calls the chart tests make, as the test control plane's admin: discovery, reads,
 * and server-side apply (optionally dry-run, which runs validation, defaulting and admission).
 * Requests go through the platform's own Kubernetes client; this adds what only the chart tests
 * need (discovery of any kind's path, dry-run apply, access reviews).
 */
export class KubeTestClient {
  private readonly client: KubeApiClient;
  private readonly resources = new Map<string, ApiResource[]>();

  constructor(plane: TestControlPlane) {
    this.client = new KubeApiClient(loadKubeConfig(plane.kubeconfigPath));
  }

  get<T = KubeObject>(path: string): Promise<T | undefined> {
    return this.client.get<T>(path);
  }

  async list<T = KubeObject>(path: string): Promise<T[]> {
    return (await this.client.list<T>(path)).items;
  }

  async create(path: string, body: unknown): Promise<void> {
    await this.client.create(path, body);
  }

  /** Whether `user` (with `groups`) may do what `attributes` say, by a SubjectAccessReview. */
  async canI(user: string, groups: string[], attributes: Record<string, string>): Promise<boolean> {
    const review = await this.client.create<{ status: { allowed: boolean } }>('/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { user, groups, resourceAttributes: attributes },
    });
    return review.status.allowed;
  }

  async mergePatch(path: string, body: unknown): Promise<void> {
    await this.client.mergePatch(path, body);
  }

  /** Server-side apply; a namespaced object without a namespace lands in `namespace`, as helm does it. */
  async apply(object: KubeObject, namespace: string, options: { dryRun?: boolean } = {}): Promise<KubeObject> {
    const path = await this.pathOf(object, object.metadata.namespace ?? namespace);
    const query = { fieldManager: 'chart-tests', fieldValidation: 'Strict', force: 'true', ...(options.dryRun ? { dryRun: 'All' } : {}) };
    return this.client.request<KubeObject>(HttpMethod.PATCH, path, { body: object, query, contentType: 'application/apply-patch+yaml' });
  }

  /** The REST path of an object, from API discovery (so any kind the server serves works). */
  async pathOf(object: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, namespace?: string): Promise<string> {
    const base = object.apiVersion.includes('/') ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
    if (!this.resources.has(base)) {
      const { resources } = await this.client.request<{ resources: ApiResource[] }>(HttpMethod.GET, base);
      this.resources.set(base, resources.filter((r) => !r.name.includes('/')));
    }
    const resource = this.resources.get(base)!.find((r) => r.kind === object.kind);
    if (!resource) throw new Error(`the API server does not serve ${object.kind} in ${object.apiVersion}`);
    const scope = resource.namespaced ? `/namespaces/${namespace}` : '';
    return `${base}${scope}/${resource.name}/${object.metadata.name}`;
  }

  async createNamespace(name: string): Promise<void> {
    await this.create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
}
