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

/** Asks for a full reindex of the tenant on `queue` (its search shard's); returns the job id. */
export async function enqueueReindex(queue: Queue<ReindexJobData>, ctx: TenantContext): Promise<string> {
  // The id starts with the tenant, so a status lookup can refuse other tenants' jobs cheaply.
  const job = await queue.add(
    'reindex',
    { tenant: serializeTenantContext(ctx) },
    { jobId: `${ctx.tenantId}.${randomUUID()}`, attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: false },
  );
  return job.id!;
}
