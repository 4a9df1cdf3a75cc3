import type { KubeObject } from '@storefront/helm';
import type { TestControlPlane } from '@storefront/k8s-testenv';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';

export class KubeRequestError extends Error {
  constructor(readonly statusCode: number, readonly body: string, what: string) {
    super(`${what} answered ${statusCode}: ${body.slice(0, 2000)}`);
  }
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/**
 * The few API calls the chart tests make, as the test control plane's admin: discovery, reads,
 * and server-side apply (optionally dry-run, which runs validation, defaulting and admission).
 */
export class KubeTestClient {
  private readonly ca: Buffer;
  private readonly resources = new Map<string, ApiResource[]>();

  constructor(private readonly plane: TestControlPlane, private readonly token = plane.token) {
    this.ca = readFileSync(plane.caFile);
  }

  async get<T = KubeObject>(path: string): Promise<T | undefined> {
    try {
      return JSON.parse(await this.send('GET', path)) as T;
    } catch (error) {
      if (error instanceof KubeRequestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async list<T = KubeObject>(path: string): Promise<T[]> {
    return (JSON.parse(await this.send('GET', path)) as { items: T[] }).items;
  }

  async create(path: string, body: unknown): Promise<void> {
    await this.send('POST', path, JSON.stringify(body), 'application/json');
  }

  /** Whether `user` (with `groups`) may do what `attributes` say, by a SubjectAccessReview. */
  async canI(user: string, groups: string[], attributes: Record<string, string>): Promise<boolean> {
    const review = JSON.parse(
      await this.send(
        'POST',
        '/apis/authorization.k8s.io/v1/subjectaccessreviews',
        JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user, groups, resourceAttributes: attributes } }),
        'application/json',
      ),
    ) as { status: { allowed: boolean } };
    return review.status.allowed;
  }

  async mergePatch(path: string, body: unknown): Promise<void> {
    await this.send('PATCH', path, JSON.stringify(body), 'application/merge-patch+json');
  }

  /** Server-side apply; a namespaced object without a namespace lands in `namespace`, as helm does it. */
  async apply(object: KubeObject, namespace: string, options: { dryRun?: boolean } = {}): Promise<KubeObject> {
    const path = await this.pathOf(object, object.metadata.namespace ?? namespace);
    const query = `fieldManager=chart-tests&fieldValidation=Strict&force=true${options.dryRun ? '&dryRun=All' : ''}`;
    return JSON.parse(await this.send('PATCH', `${path}?${query}`, JSON.stringify(object), 'application/apply-patch+yaml')) as KubeObject;
  }

  /** The REST path of an object, from API discovery (so any kind the server serves works). */
  async pathOf(object: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, namespace?: string): Promise<string> {
    const base = object.apiVersion.includes('/') ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
    if (!this.resources.has(base)) {
      const { resources } = JSON.parse(await this.send('GET', base)) as { resources: ApiResource[] };
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

  private send(method: string, path: string, body?: string, contentType?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
      if (contentType) headers['content-type'] = contentType;
      const req = request(`${this.plane.server}${path}`, { method, ca: this.ca, headers }, (res) => {
        let data = '';
        res.on('data', (chunk: Buffer) => (data += chunk.toString()));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(data);
          else reject(new KubeRequestError(status, data, `${method} ${path}`));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}
