import type { SerializedTenantContext, TenantContext } from '@storefront/contracts';
import { shardQueuePrefix } from '@storefront/outbox';
import { serializeTenantContext } from '@storefront/tenancy';
import { Queue, type ConnectionOptions } from 'bullmq';
import { randomUUID } from 'node:crypto';

/** Queue of full reindex jobs, one per search shard (next to its events queue). */
export const REINDEX_QUEUE = 'reindex';

export interface ReindexJobData {
  readonly tenant: SerializedTenantContext;
}

export function reindexQueueOf(connection: ConnectionOptions, shard: number): Queue<ReindexJobData> {
  return new Queue<ReindexJobData>(REINDEX_QUEUE, { connection, prefix: shardQueuePrefix('search', shard) });
}

/**
 * Finished reindex jobs stay for status lookups (a day; failed ones a month), but never more than
 * a count each, so a tenant asking in a loop cannot fill Redis.
 */
export const REINDEX_JOB_RETENTION = {
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 1_000 },
} as const;

/** Asks for a full reindex of the tenant on `queue` (its search shard's); returns the job id. */
export async function enqueueReindex(queue: Queue<ReindexJobData>, ctx: TenantContext): Promise<string> {
  // The id starts with the tenant, so a status lookup can refuse other tenants' jobs cheaply.
  const job = await queue.add(
    'reindex',
    { tenant: serializeTenantContext(ctx) },
    { jobId: `${ctx.tenantId}.${randomUUID()}`, attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, ...REINDEX_JOB_RETENTION },
  );
  return job.id!;
}
