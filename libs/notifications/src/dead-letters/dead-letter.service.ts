import { deserializeTenantContext } from '@storefront/tenancy';
import type { Delivery } from '../deliveries/delivery';
import { DeliveryNotFoundError, type DeliveryLogService } from '../deliveries/delivery-log.service';
import type { DeliveryQueue } from '../queues/delivery-queue';

export interface DeadLetter {
  readonly jobId: string;
  readonly tenantId: string;
  readonly deliveryId: string;
  readonly channel: string;
  readonly attempts: number;
  readonly reason: string;
  readonly failedAt: string | null;
}

/**
 * The platform admin's view of a shard's dead letters: the delivery queue's failed set, which holds
 * the tenant of each job, so no tenant schema is scanned. Replays go through the tenant's log.
 */
export class DeadLetterService {
  constructor(
    private readonly queue: DeliveryQueue,
    private readonly log: DeliveryLogService,
  ) {}

  /** Replays the dead letter held by failed job `jobId`, in its tenant's context. */
  async replay(jobId: string, requestId: string): Promise<Delivery> {
    const job = await this.queue.queue.getJob(jobId);
    if (!job || !(await job.isFailed())) throw new DeliveryNotFoundError(jobId);
    const ctx = { ...deserializeTenantContext(job.data.tenant), requestId };
    return this.log.replay(ctx, job.data.deliveryId);
  }

  async list(offset = 0, limit = 50): Promise<{ total: number; items: DeadLetter[] }> {
    const [total, jobs] = await Promise.all([this.queue.queue.getFailedCount(), this.queue.queue.getFailed(offset, offset + Math.min(limit, 200) - 1)]);
    return {
      total,
      items: jobs.map((job) => ({
        jobId: String(job.id),
        tenantId: job.data.tenant.tenantId,
        deliveryId: job.data.deliveryId,
        channel: job.data.channel,
        attempts: job.attemptsMade,
        reason: job.failedReason,
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      })),
    };
  }
}
