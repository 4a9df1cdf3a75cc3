import type { DatabaseClusters, StoreResourceCondition } from '@storefront/database';
import { objectKey, ResourceInformer, resourcePath, type InformerEvent, type KubeApiClient } from '@storefront/kube-client';
import type { Logger } from '@storefront/observability';
import { isConditionTrue, STORES, type Store } from '@storefront/store-resource';

export interface StoreStatusMirrorOptions {
  readonly client: KubeApiClient;
  readonly clusters: DatabaseClusters;
  /** The namespace platform-api creates Stores in. */
  readonly namespace: string;
  readonly logger: Logger;
  /** A full relist repairs anything a watch missed; every replica writes only what changed. */
  readonly relistIntervalMs?: number;
}

/** Phase recorded once a Store is gone (its tenant's status is the operator's reclaim decision). */
export const DELETED_PHASE = 'Deleted';

const DEFAULT_RELIST_MS = 10 * 60_000;
const RETRY_MS = 1_000;

/**
 * Kubernetes mode: watches the Stores of platform-api's namespace and copies each one's phase,
 * Ready and conditions into `platform.store_resources`, where the admin tenant detail and the
 * merchant's store view read them. The tenant's status itself (provisioning -> active) is
 * written by the operator when the Store becomes Ready; see docs/adr/0102.
 *
 * Level-triggered like the operator: an event only names a Store to look at again, the latest
 * version of it is written, and a relist (at start and periodically) covers missed events.
 */
export class StoreStatusMirror {
  private readonly informer: ResourceInformer<Store>;
  /** Latest version of each Store not yet written, by namespace/name (deletions included). */
  private readonly pending = new Map<string, { store: Store; deleted: boolean }>();
  private draining: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: StoreStatusMirrorOptions) {
    this.informer = new ResourceInformer<Store>({
      client: options.client,
      path: resourcePath(STORES, options.namespace),
      relistIntervalMs: options.relistIntervalMs ?? DEFAULT_RELIST_MS,
      logger: options.logger,
      onEvent: (event, store) => this.enqueue(event, store),
    });
  }

  /** Resolves after the first list of Stores (retried while the API server is unreachable). */
  start(): Promise<void> {
    this.stopped = false;
    return this.informer.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.informer.stop();
    await this.draining;
  }

  private enqueue(event: InformerEvent, store: Store): void {
    this.pending.set(objectKey(store), { store, deleted: event === 'delete' });
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.pending.size > 0) {
      const [key, item] = this.pending.entries().next().value!;
      this.pending.delete(key);
      try {
        await (item.deleted ? this.recordDeletion(item.store) : this.record(item.store));
      } catch (error) {
        this.options.logger.warn({ err: error, store: key }, 'mirroring Store status failed; retrying');
        // A newer version that arrived meanwhile wins over the one that failed.
        if (!this.pending.has(key)) this.pending.set(key, item);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
      }
    }
  }

  /**
   * One conditional upsert: only for a registered tenant of this slug (a Store naming another
   * tenant's id is the operator's conflict to report, not a status to show), only into the row of
   * this Store, and only when something changed, so replicas and relists write nothing new.
   */
  private async record(store: Store): Promise<void> {
    const conditions: StoreResourceCondition[] = (store.status?.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      reason: c.reason,
      message: c.message ?? '',
      lastTransitionTime: c.lastTransitionTime,
    }));
    const ready = isConditionTrue(store.status?.conditions, 'Ready') && store.status?.observedGeneration === store.metadata.generation;
    await this.options.clusters.primary.query(
      `INSERT INTO platform.store_resources AS s (tenant_id, namespace, name, phase, ready, conditions, observed_generation, status_changed_at)
       SELECT t.id, $2::text, $3::text, $4::text, $5::boolean, $6::jsonb, $7::int, now() FROM platform.tenants t WHERE t.id = $1 AND t.slug = $8
       ON CONFLICT (tenant_id) DO UPDATE
         SET phase = EXCLUDED.phase, ready = EXCLUDED.ready, conditions = EXCLUDED.conditions,
             observed_generation = EXCLUDED.observed_generation, status_changed_at = now()
         WHERE s.namespace = EXCLUDED.namespace AND s.name = EXCLUDED.name
           AND (s.phase, s.ready, s.conditions, s.observed_generation)
               IS DISTINCT FROM (EXCLUDED.phase, EXCLUDED.ready, EXCLUDED.conditions, EXCLUDED.observed_generation)`,
      [
        store.spec.tenantId,
        store.metadata.namespace,
        store.metadata.name,
        store.status?.phase ?? null,
        ready,
        JSON.stringify(conditions),
        store.status?.observedGeneration ?? null,
        store.spec.slug,
      ],
    );
  }

  private async recordDeletion(store: Store): Promise<void> {
    await this.options.clusters.primary.query(
      `UPDATE platform.store_resources SET phase = $4::text, ready = false, status_changed_at = now()
       WHERE tenant_id = $1 AND namespace = $2 AND name = $3 AND phase IS DISTINCT FROM $4::text`,
      [store.spec.tenantId, store.metadata.namespace, store.metadata.name, DELETED_PHASE],
    );
  }
}
