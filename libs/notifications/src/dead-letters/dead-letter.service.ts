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
  constructor(private readonly queue: DeliveryQueue) {}

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
