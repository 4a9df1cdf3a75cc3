import { Watch } from '@kubernetes/client-node';
import type { Logger } from '@storefront/observability';
import type { KubeApiClient, KubeObject } from './kube-api-client';
import { objectKey } from './object-key';

export type InformerEvent = 'add' | 'update' | 'delete';

export interface ResourceInformerOptions<T extends KubeObject> {
  readonly client: KubeApiClient;
  /** Collection path, e.g. `/apis/apps/v1/namespaces/shop/deployments`. */
  readonly path: string;
  readonly labelSelector?: string;
  /** A full list replaces the cache this often, repairing any event a watch may have lost. */
  readonly relistIntervalMs?: number;
  readonly logger: Logger;
  readonly onEvent: (event: InformerEvent, object: T, previous?: T) => void;
}

const LIST_PAGE_SIZE = 500;
const MAX_BACKOFF_MS = 30_000;
const WATCH_TIMEOUT_SECONDS = 300;

/**
 * List + watch with a local cache, like client-go's reflector: resumes a watch from the last
 * resourceVersion, relists on 410 Gone, on any error (with backoff) and periodically. Written
 * here because client-node's informer stops for good on the first error and never relists.
 */
export class ResourceInformer<T extends KubeObject> {
  private readonly cache = new Map<string, T>();
  private resourceVersion = '';
  private needsRelist = true;
  private stopped = false;
  private synced = false;
  private currentWatch: AbortController | undefined;
  private relistTimer: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;
  private readonly watch: Watch;
  private markSynced: () => void = () => undefined;
  private wakeUp: () => void = () => undefined;

  constructor(private readonly options: ResourceInformerOptions<T>) {
    this.watch = new Watch(options.client.config);
  }

  /** Resolves after the first complete list (retried until it succeeds), so the cache is usable. */
  async start(): Promise<void> {
    this.stopped = false;
    const firstSync = new Promise<void>((resolve) => (this.markSynced = resolve));
    this.loop = this.run();
    if (this.options.relistIntervalMs) {
      this.relistTimer = setInterval(() => {
        this.needsRelist = true;
        this.currentWatch?.abort();
      }, this.options.relistIntervalMs);
      this.relistTimer.unref();
    }
    await firstSync;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.markSynced();
    this.wakeUp();
    clearInterval(this.relistTimer);
    this.currentWatch?.abort();
    await this.loop;
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  private async run(): Promise<void> {
    let backoffMs = 0;
    while (!this.stopped) {
      try {
        if (this.needsRelist) await this.relist();
        await this.watchUntilClosed();
        backoffMs = 0;
      } catch (error) {
        if (this.stopped) break;
        this.needsRelist = true;
        backoffMs = Math.min(backoffMs ? backoffMs * 2 : 250, MAX_BACKOFF_MS);
        this.options.logger.warn({ err: error, path: this.options.path, backoffMs }, 'list/watch failed; relisting after backoff');
        // Interruptible, so stop() does not wait out a long backoff.
        await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
          setTimeout(resolve, backoffMs).unref();
        });
      }
    }
  }

  private async relist(): Promise<void> {
    const fresh = new Map<string, T>();
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.options.client.list<T>(this.options.path, {
        limit: String(LIST_PAGE_SIZE),
        ...(continueToken ? { continue: continueToken } : {}),
        ...(this.options.labelSelector ? { labelSelector: this.options.labelSelector } : {}),
      });
      for (const item of page.items) fresh.set(objectKey(item), item);
      continueToken = page.metadata.continue || undefined;
      resourceVersion = page.metadata.resourceVersion;
    } while (continueToken);

    for (const [key, old] of this.cache) {
      if (!fresh.has(key)) {
        this.cache.delete(key);
        this.options.onEvent('delete', old);
      }
    }
    for (const [key, object] of fresh) this.upsert(key, object);
    this.resourceVersion = resourceVersion;
    this.needsRelist = false;
    this.synced = true;
    this.markSynced();
  }

  private watchUntilClosed(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // Lines already buffered when a watch is aborted must not land after the relist that follows.
      let open = true;
      const done = (error: unknown): void => {
        open = false;
        this.currentWatch = undefined;
        // A client-side inactivity timeout or our own abort just ends this watch; resume from the last version.
        const name = (error as { name?: string } | null)?.name;
        if (!error || name === 'TimeoutError' || name === 'AbortError' || this.stopped || this.needsRelist) resolve();
        else reject(error);
      };
      const query = {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: WATCH_TIMEOUT_SECONDS,
        ...(this.options.labelSelector ? { labelSelector: this.options.labelSelector } : {}),
      };
      this.watch.watch(this.options.path, query, (type, object: T) => open && !this.needsRelist && this.handle(type, object), done).then(
        (controller) => {
          this.currentWatch = controller;
          if (this.stopped || this.needsRelist) controller.abort();
        },
        reject,
      );
    });
  }

  private handle(type: string, object: T): void {
    switch (type) {
      case 'ADDED':
      case 'MODIFIED':
        this.upsert(objectKey(object), object);
        break;
      case 'DELETED': {
        const key = objectKey(object);
        const old = this.cache.get(key);
        this.cache.delete(key);
        this.options.onEvent('delete', old ?? object);
        break;
      }
      case 'ERROR':
        // 410 Gone: our resourceVersion is older than etcd's compaction window.
        this.needsRelist = true;
        this.currentWatch?.abort();
        return;
      case 'BOOKMARK':
        break;
    }
    const version = object.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
  }

  private upsert(key: string, object: T): void {
    const old = this.cache.get(key);
    if (old?.metadata?.resourceVersion === object.metadata?.resourceVersion) return;
    this.cache.set(key, object);
    this.options.onEvent(old ? 'update' : 'add', object, old);
  }
}

