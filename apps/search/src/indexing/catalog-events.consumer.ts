import type { TenantContext } from '@storefront/contracts';
import type { Logger } from '@storefront/observability';
import { advanceFairClockFor, consumeOnce, EVENTS_QUEUE, shardQueuePrefix, type DomainEvent, type RelayedEventJob } from '@storefront/outbox';
import type { TenantCache } from '@storefront/tenant-cache';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { Worker, type ConnectionOptions } from 'bullmq';
import type { ProductIndexer } from '@storefront/product-search';

/** Name under which this consumer records the events it handled (see consumeOnce). */
export const SEARCH_INDEXER_CONSUMER = 'search-indexer';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CatalogEventsConsumerOptions {
  readonly shard: number;
  readonly connection: ConnectionOptions;
  readonly unitOfWork: TenantUnitOfWork;
  readonly indexer: ProductIndexer;
  /** Full reindex of a tenant, for changes that touch every document (the store's language). */
  readonly reindex: { enqueue(ctx: TenantContext): Promise<unknown> };
  /** Caches holding answers derived from the catalog; each catalog event invalidates the tenant. */
  readonly caches: readonly TenantCache[];
  readonly logger: Logger;
  readonly concurrency?: number;
  /** Called after each handled event with its age in seconds (event time to index commit). */
  readonly onIndexed?: (ageSeconds: number) => void;
}

/**
 * Keeps the search index current from the catalog events on this shard's queue. Each event
 * re-reads the products it names, so duplicates and reordering are harmless; failures retry
 * with backoff (set by the relay) and then stay in the failed set for an admin to replay.
 */
export class CatalogEventsConsumer {
  private worker: Worker<RelayedEventJob> | undefined;

  constructor(private readonly options: CatalogEventsConsumerOptions) {}

  start(): void {
    const worker: Worker<RelayedEventJob> = new Worker<RelayedEventJob>(
      EVENTS_QUEUE,
      async (job) => {
        // The relay tags every event for tenant turns; the clock moves only as workers start jobs.
        await advanceFairClockFor(worker, job);
        return this.handle(job.data);
      },
      {
        connection: this.options.connection,
        prefix: shardQueuePrefix('search', this.options.shard),
        concurrency: this.options.concurrency ?? 4,
      },
    );
    this.worker = worker;
    this.worker.on('failed', (job, error) =>
      this.options.logger.error({ err: error, eventId: job?.id, tenantId: job?.data.event.tenantId }, 'catalog event failed'),
    );
  }

  async stop(): Promise<void> {
    await this.worker?.close();
  }

  async handle(job: RelayedEventJob): Promise<void> {
    await consumeOnce(this.options.unitOfWork, SEARCH_INDEXER_CONSUMER, job, async (tx, event) => {
      // Asked for before this event counts as handled: a crash in between repeats it, never loses it.
      if (event.type === 'store.locale_changed') await this.options.reindex.enqueue(tx.ctx);
      else await this.options.indexer.indexProducts(tx, await productIdsOf(tx, event));
    });
    // Also after a skipped duplicate: the first delivery may have died between commit and this.
    await Promise.all(this.options.caches.map((cache) => cache.invalidate(job.event.tenantId)));
    this.options.onIndexed?.((Date.now() - Date.parse(job.event.occurredAt)) / 1000);
  }
}

/** The products whose documents an event may have changed. */
async function productIdsOf(tx: TenantTransaction, event: DomainEvent): Promise<string[]> {
  switch (event.type) {
    case 'order.placed':
    case 'order.cancelled':
      return productIdsOfOrderLines(tx, event.payload.lines);
    case 'category.updated':
    case 'category.deleted': {
      // The documents that name the category, whatever the catalog says of it now.
      const categoryId = event.payload.categoryId;
      if (typeof categoryId !== 'string' || !UUID.test(categoryId)) return [];
      const rows: { product_id: string }[] = await tx.query('SELECT product_id FROM search_documents WHERE category_ids @> ARRAY[$1::uuid]', [categoryId]);
      return rows.map((row) => row.product_id);
    }
    default: {
      const productId = event.payload.productId;
      return typeof productId === 'string' && UUID.test(productId) ? [productId] : [];
    }
  }
}

async function productIdsOfOrderLines(tx: TenantTransaction, lines: unknown): Promise<string[]> {
  const skus = (Array.isArray(lines) ? (lines as { sku?: unknown }[]) : []).map((line) => line.sku).filter((sku): sku is string => typeof sku === 'string');
  if (skus.length === 0) return [];
  const rows: { product_id: string }[] = await tx.query('SELECT DISTINCT product_id FROM variants WHERE sku = ANY($1::text[])', [skus]);
  return rows.map((row) => row.product_id);
}
