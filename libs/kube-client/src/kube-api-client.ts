import { HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import { fetch } from 'undici';
import { KubeApiError, isConflict, isNotFound } from './kube-api-error';

/** What the client and informers need of any object; callers describe the rest. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
}

export interface KubeList<T> {
  items: T[];
  metadata: { resourceVersion: string; continue?: string };
}

export interface ApplyOptions {
  readonly fieldManager: string;
  /** Take over fields another manager set (a controller's intent wins; see ADR 0101). */
  readonly force?: boolean;
}

const REQUEST_TIMEOUT_MS = 30_000;
const CONFLICT_RETRIES = 5;

/**
 * A small typed REST client over client-node's KubeConfig (auth, TLS). The generated clients
 * cannot send server-side apply to a subresource and hide the Status reason; every call here is
 * one HTTP request whose failure is a KubeApiError carrying the status code and reason.
 */
export class KubeApiClient {
  constructor(readonly config: KubeConfig) {}

  async get<T>(path: string): Promise<T | undefined> {
    try {
      return await this.request<T>(HttpMethod.GET, path);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  list<T>(path: string, query: Record<string, string> = {}): Promise<KubeList<T>> {
    return this.request<KubeList<T>>(HttpMethod.GET, path, { query });
  }

  create<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(HttpMethod.POST, path, { body });
  }

  /** PUT with the object's resourceVersion: fails with 409 if someone else wrote it first. */
  replace<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(HttpMethod.PUT, path, { body });
  }

  /**
   * Server-side apply (JSON is valid YAML). Retries 409s: a concurrent create of the same object,
   * or an unforced apply racing another manager, settles on the next attempt.
   */
  async apply<T>(path: string, body: unknown, options: ApplyOptions): Promise<T> {
    const query: Record<string, string> = { fieldManager: options.fieldManager, ...(options.force ? { force: 'true' } : {}) };
    return retryOnConflict(() =>
      this.request<T>(HttpMethod.PATCH, path, { body, query, contentType: 'application/apply-patch+yaml' }),
    );
  }

  mergePatch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(HttpMethod.PATCH, path, { body, contentType: 'application/merge-patch+json' });
  }

  /**
   * RFC 6902 patch; a `test` operation makes it conditional on what the object holds now.
   * `query.fieldManager` records who set the patched fields (managedFields).
   */
  jsonPatch<T>(path: string, operations: readonly Record<string, unknown>[], query: Record<string, string> = {}): Promise<T> {
    return this.request<T>(HttpMethod.PATCH, path, { body: operations, query, contentType: 'application/json-patch+json' });
  }

  /**
   * Deletes; an object already gone counts as deleted. `preconditions` (uid, resourceVersion)
   * make the delete fail with 409 when the object was replaced since it was read.
   */
  async delete(path: string, query: Record<string, string> = {}, preconditions?: { uid?: string; resourceVersion?: string }): Promise<void> {
    const body = preconditions ? { apiVersion: 'v1', kind: 'DeleteOptions', preconditions } : undefined;
    try {
      await this.request(HttpMethod.DELETE, path, { query, ...(body ? { body } : {}) });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async request<T>(
    method: HttpMethod,
    path: string,
    options: { query?: Record<string, string>; body?: unknown; contentType?: string; accept?: string } = {},
  ): Promise<T> {
    const cluster = this.config.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    const url = new URL(cluster.server.replace(/\/$/, '') + path);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    const context = new RequestContext(url.toString(), method);
    await this.config.applySecurityAuthentication(context);
    const headers: Record<string, string> = {
      ...context.getHeaders(),
      accept: options.accept ?? 'application/json',
      ...(options.body !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}),
    };
    const response = await fetch(url, {
      method,
      headers,
      dispatcher: context.getDispatcher(),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) {
      let status: { reason?: string; message?: string } = {};
      try {
        status = JSON.parse(text) as typeof status;
      } catch {
        status = { message: text.slice(0, 500) };
      }
      throw new KubeApiError(response.status, status.reason ?? response.statusText, status.message ?? '', method, path);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** Runs `write` again (with jittered backoff) while it fails with 409 Conflict. */
export async function retryOnConflict<T>(write: () => Promise<T>, attempts = CONFLICT_RETRIES): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isConflict(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}
