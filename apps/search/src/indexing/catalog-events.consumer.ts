import type { Logger } from '@storefront/observability';
import { consumeOnce, EVENTS_QUEUE, shardQueuePrefix, type DomainEvent, type RelayedEventJob } from '@storefront/outbox';
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
    this.worker = new Worker<RelayedEventJob>(EVENTS_QUEUE, (job) => this.handle(job.data), {
      connection: this.options.connection,
      prefix: shardQueuePrefix('search', this.options.shard),
      concurrency: this.options.concurrency ?? 4,
    });
    this.worker.on('failed', (job, error) =>
      this.options.logger.error({ err: error, eventId: job?.id, tenantId: job?.data.event.tenantId }, 'catalog event failed'),
    );
  }

  async stop(): Promise<void> {
    await this.worker?.close();
  }

  async handle(job: RelayedEventJob): Promise<void> {
    await consumeOnce(this.options.unitOfWork, SEARCH_INDEXER_CONSUMER, job, async (tx, event) =>
      this.options.indexer.indexProducts(tx, await productIdsOf(tx, event)),
    );
    // Also after a skipped duplicate: the first delivery may have died between commit and this.
    await Promise.all(this.options.caches.map((cache) => cache.invalidate(job.event.tenantId)));
    this.options.onIndexed?.((Date.now() - Date.parse(job.event.occurredAt)) / 1000);
  }
}

async function productIdsOf(tx: TenantTransaction, event: DomainEvent): Promise<string[]> {
  if (event.type === 'order.placed') {
    const lines = Array.isArray(event.payload.lines) ? (event.payload.lines as { sku?: unknown }[]) : [];
    const skus = lines.map((line) => line.sku).filter((sku): sku is string => typeof sku === 'string');
    if (skus.length === 0) return [];
    const rows: { product_id: string }[] = await tx.query('SELECT DISTINCT product_id FROM variants WHERE sku = ANY($1::text[])', [skus]);
    return rows.map((row) => row.product_id);
  }
  const productId = event.payload.productId;
  return typeof productId === 'string' && UUID.test(productId) ? [productId] : [];
}
