import { consumeOnce, type RelayedEventJob } from '@storefront/outbox';
import { deserializeTenantContext, type TenantUnitOfWork } from '@storefront/tenancy';
import type { Job } from 'bullmq';
import type { Delivery } from '../deliveries/delivery';
import { DeliveryLogRepository } from '../deliveries/delivery-log.repository';
import type { NotificationPlanner } from '../planning/notification-planner';
import type { TenantFactsReader } from '../planning/tenant-facts';
import type { DeliveryQueue } from '../queues/delivery-queue';

/** Name under which this service records handled events in each tenant's `processed_events`. */
export const NOTIFICATIONS_CONSUMER = 'notifications';

export interface NotificationEventProcessorDeps {
  readonly unitOfWork: TenantUnitOfWork;
  readonly planner: NotificationPlanner;
  readonly facts: TenantFactsReader;
  readonly deliveries: DeliveryQueue;
}

/**
 * Event -> planned deliveries (once per event id, in one tenant transaction) -> delivery jobs.
 * Queueing runs on every delivery of the job, planned now or before: a crash between the commit
 * and the queueing leaves deliveries that only a redelivery of the event can queue.
 */
export class NotificationEventProcessor {
  private readonly log = new DeliveryLogRepository();

  constructor(private readonly deps: NotificationEventProcessorDeps) {}

  async process(job: Job<RelayedEventJob>): Promise<{ planned: boolean; queued: number }> {
    const ctx = deserializeTenantContext(job.data.tenant);
    const facts = await this.deps.facts.of(ctx.tenantId);
    // A deleted store's leftover events have nobody left to notify (and no schema to plan in).
    if (!facts) return { planned: false, queued: 0 };
    let unfinished: Delivery[] | undefined;
    const planned = await consumeOnce(this.deps.unitOfWork, NOTIFICATIONS_CONSUMER, job.data, async (tx, event) => {
      await this.deps.planner.plan(tx, event, facts);
      unfinished = await this.log.unfinishedOf(tx, event.id); // same transaction: one round of BEGIN/COMMIT less
    });
    unfinished ??= await this.deps.unitOfWork.run(ctx, (tx) => this.log.unfinishedOf(tx, job.data.event.id));
    await this.deps.deliveries.enqueue(ctx, unfinished);
    return { planned, queued: unfinished.length };
  }
}
