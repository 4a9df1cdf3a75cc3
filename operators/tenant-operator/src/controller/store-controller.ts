import type { Logger } from '@storefront/observability';
import { KubeApiError, DEPLOYMENTS, INGRESSES, NETWORK_POLICIES, resourcePath, SECRETS, SERVICES, objectKey, ResourceInformer, type KubeApiClient, type ResourceType } from '@storefront/kube-client';
import { STORES, STORE_KIND, type Store } from '@storefront/store-resource';
import type { EventRecorder } from '../kube/event-recorder';
import type { StoreReconciler } from '../reconcile/store-reconciler';
import { MANAGED_BY } from '../workload/store-workload-names';
import type { OperatorMetrics } from './operator-metrics';
import { WorkQueue } from './work-queue';

export interface StoreControllerOptions {
  readonly client: KubeApiClient;
  /** Watch one namespace, or every namespace when undefined. */
  readonly namespace?: string;
  readonly reconciler: (caches: StoreControllerCaches) => StoreReconciler;
  readonly events: EventRecorder;
  readonly metrics: OperatorMetrics;
  readonly logger: Logger;
  readonly workers: number;
  /** Every Store is reconciled again this often, even without events (drift repair). */
  readonly resyncIntervalMs: number;
  readonly relistIntervalMs: number;
  /** Whether two Stores claim the same tenant or a host (see store-claims.ts). */
  readonly claimsOverlap: (a: Store, b: Store) => boolean;
}

const OWNED_TYPES = [DEPLOYMENTS, SECRETS, SERVICES, INGRESSES, NETWORK_POLICIES];

/** What the reconciler may read from the controller's informer caches. */
export interface StoreControllerCaches {
  readonly stores: ResourceInformer<Store>;
  ownedObject(type: ResourceType, namespace: string, name: string): unknown;
}

interface OwnedObject {
  metadata?: { namespace?: string; ownerReferences?: { kind: string; name: string; controller?: boolean }[] };
}

/**
 * Informers feed a work queue of Store keys; workers reconcile one key at a time each. Events
 * of the objects a Store owns are mapped to that Store.
 */
export class StoreController {
  private readonly queue = new WorkQueue();
  private readonly stores: ResourceInformer<Store>;
  private readonly owned: ResourceInformer<OwnedObject>[];
  private readonly reconciler: StoreReconciler;
  private workers: Promise<void>[] = [];
  private resyncTimer: NodeJS.Timeout | undefined;
  private metricsTimer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly options: StoreControllerOptions) {
    const { client, namespace, logger, relistIntervalMs } = options;
    this.stores = new ResourceInformer<Store>({
      client,
      path: resourcePath(STORES, namespace),
      relistIntervalMs,
      logger,
      onEvent: (event, store, previous) => {
        if (event !== 'update' || needsReconcile(store, previous!)) this.queue.add(objectKey(store));
        // A deleted Store may have held a host or tenant another Store is waiting for.
        if (event === 'delete') {
          for (const other of this.stores.list()) if (options.claimsOverlap(store, other)) this.queue.add(objectKey(other));
        }
      },
    });
    // Owned objects are watched too, so a hand edit or deletion is undone at once, and a
    // Deployment finishing its rollout moves the Store to Ready without waiting for a resync.
    this.owned = OWNED_TYPES.map(
      (type) =>
        new ResourceInformer<OwnedObject>({
          client,
          path: resourcePath(type, namespace),
          labelSelector: `app.kubernetes.io/managed-by=${MANAGED_BY}`,
          relistIntervalMs,
          logger,
          onEvent: (_event, object) => {
            const owner = object.metadata?.ownerReferences?.find((o) => o.controller && o.kind === STORE_KIND);
            if (owner) this.queue.add(`${object.metadata?.namespace ?? ''}/${owner.name}`);
          },
        }),
    );
    this.reconciler = options.reconciler({
      stores: this.stores,
      ownedObject: (type, ns, name) => this.owned[OWNED_TYPES.indexOf(type)]?.get(`${ns}/${name}`),
    });
  }

  get hasSynced(): boolean {
    return this.stores.hasSynced && this.owned.every((informer) => informer.hasSynced);
  }

  async start(): Promise<void> {
    this.running = true;
    await Promise.all([this.stores.start(), ...this.owned.map((informer) => informer.start())]);
    if (!this.running) return;
    this.workers = Array.from({ length: this.options.workers }, () => this.work());
    this.resyncTimer = setInterval(() => this.resyncAll(), this.options.resyncIntervalMs);
    this.resyncTimer.unref();
    this.metricsTimer = setInterval(() => this.updateQueueMetrics(), 1000);
    this.metricsTimer.unref();
    this.options.logger.info({ namespace: this.options.namespace ?? '(all)', stores: this.stores.list().length }, 'store controller started');
  }

  /** Stops taking keys, lets in-flight reconciles finish, then stops the watches. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.resyncTimer);
    clearInterval(this.metricsTimer);
    this.queue.shutDown();
    await Promise.all(this.workers);
    await Promise.all([this.stores.stop(), ...this.owned.map((informer) => informer.stop())]);
  }

  /** Queues every known Store, as the periodic resync does. */
  resyncAll(): void {
    for (const store of this.stores.list()) this.queue.add(objectKey(store));
  }

  private updateQueueMetrics(): void {
    this.options.metrics.queueDepth.set(this.queue.length);
    this.options.metrics.queueInFlight.set(this.queue.inFlight);
  }

  private async work(): Promise<void> {
    const { metrics, logger } = this.options;
    for (let key = await this.queue.get(); key !== undefined; key = await this.queue.get()) {
      const store = this.stores.get(key);
      const stopTimer = metrics.reconcileDuration.startTimer();
      try {
        // Gone from the cache: deleted after its finalizer ran; nothing is left to converge.
        if (!store) {
          this.queue.forget(key);
          continue;
        }
        const result = await this.reconciler.reconcile(store);
        this.queue.forget(key);
        if (result.requeueAfterMs) this.queue.addAfter(key, result.requeueAfterMs);
        metrics.reconciles.inc({ result: result.requeueAfterMs ? 'requeue' : 'success' });
        stopTimer({ result: 'success' });
      } catch (error) {
        const delayMs = this.queue.addRateLimited(key);
        const retries = this.queue.retriesOf(key);
        metrics.reconciles.inc({ result: 'error' });
        metrics.reconcileErrors.inc({ reason: errorReason(error) });
        stopTimer({ result: 'error' });
        logger.warn({ err: error, store: key, retries, retryInMs: delayMs }, 'reconcile failed');
        // One Warning per failure streak: a Store stuck in backoff must not flood its Events.
        if (store && retries === 1) {
          await this.options.events.record(store, 'Warning', 'ReconcileFailed', error instanceof Error ? error.message : String(error));
        }
      } finally {
        this.queue.done(key);
      }
    }
  }
}

/** Status-only updates (our own writes included) carry nothing to act on. */
function needsReconcile(store: Store, previous: Store): boolean {
  return (
    store.metadata.generation !== previous.metadata.generation ||
    store.metadata.deletionTimestamp !== previous.metadata.deletionTimestamp ||
    JSON.stringify(store.metadata.finalizers) !== JSON.stringify(previous.metadata.finalizers)
  );
}

/** A bounded label: the API status code, else the error class (QueryFailedError, TypeError, ...). */
function errorReason(error: unknown): string {
  if (error instanceof KubeApiError) return `kube_${error.statusCode}`;
  return error instanceof Error ? error.constructor.name : 'unknown';
}
