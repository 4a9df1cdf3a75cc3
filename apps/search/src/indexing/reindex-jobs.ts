import type { TenantContext } from '@storefront/contracts';
import type { Logger } from '@storefront/observability';
import { shardQueuePrefix } from '@storefront/outbox';
import {
  enqueueReindex,
  REINDEX_QUEUE,
  reindexQueueOf,
  type ReindexJobData,
  type ReindexProgress,
  type TenantReindexer,
} from '@storefront/product-search';
import type { TenantCache } from '@storefront/tenant-cache';
import { deserializeTenantContext } from '@storefront/tenancy';
import { Worker, type ConnectionOptions, type JobState, type Queue } from 'bullmq';

export interface ReindexStatus {
  readonly jobId: string;
  readonly state: JobState | 'unknown';
  readonly progress: ReindexProgress | null;
  readonly failedReason?: string;
}

export interface ReindexJobsOptions {
  readonly shard: number;
  readonly connection: ConnectionOptions;
  readonly reindexer: TenantReindexer;
  readonly caches: readonly TenantCache[];
  readonly logger: Logger;
}

/**
 * Full reindex of a tenant as a job on the shard's own queue: it survives a restart of the
 * shard, reports progress as it goes, and runs one tenant at a time so it cannot starve searches.
 */
export class ReindexJobs {
  private readonly queue: Queue<ReindexJobData>;
  private worker: Worker<ReindexJobData> | undefined;

  constructor(private readonly options: ReindexJobsOptions) {
    this.queue = reindexQueueOf(options.connection, options.shard);
  }

  start(): void {
    this.worker = new Worker<ReindexJobData>(
      REINDEX_QUEUE,
      async (job) => {
        const ctx = deserializeTenantContext(job.data.tenant);
        const result = await this.options.reindexer.reindex(ctx, (progress) => job.updateProgress({ ...progress }));
        await Promise.all(this.options.caches.map((cache) => cache.invalidate(ctx.tenantId)));
        this.options.logger.info({ tenantId: ctx.tenantId, ...result }, 'tenant reindexed');
        return result;
      },
      { connection: this.options.connection, prefix: shardQueuePrefix('search', this.options.shard), concurrency: 1 },
    );
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }

  async enqueue(ctx: TenantContext): Promise<ReindexStatus> {
    return { jobId: await enqueueReindex(this.queue, ctx), state: 'waiting', progress: null };
  }

  /** A job of this tenant only; another tenant's job id reads as unknown. */
  async status(ctx: TenantContext, jobId: string): Promise<ReindexStatus | undefined> {
    if (!jobId.startsWith(`${ctx.tenantId}.`)) return undefined;
    const job = await this.queue.getJob(jobId);
    if (!job || job.data.tenant.tenantId !== ctx.tenantId) return undefined;
    const progress = typeof job.progress === 'object' ? (job.progress as unknown as ReindexProgress) : null;
    return { jobId, state: await job.getState(), progress, ...(job.failedReason ? { failedReason: job.failedReason } : {}) };
  }
}
