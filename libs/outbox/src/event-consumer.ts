import { deserializeTenantContext, type TenantTransaction, type TenantUnitOfWork } from '@storefront/tenancy';
import type { DomainEvent } from './domain-event';
import type { RelayedEventJob } from './relayed-event.job';

/**
 * Runs `handle` for an event at most once per consumer: the event id is recorded in the tenant's
 * `processed_events` in the same transaction as the handler's writes, so a redelivered event
 * (relay re-publish, retried job) finds the record and is skipped. Returns false when skipped.
 */
export async function consumeOnce(
  unitOfWork: TenantUnitOfWork,
  consumer: string,
  job: RelayedEventJob,
  handle: (tx: TenantTransaction, event: DomainEvent) => Promise<void>,
): Promise<boolean> {
  const ctx = deserializeTenantContext(job.tenant);
  if (job.event.tenantId !== ctx.tenantId) throw new Error('event and tenant context disagree');
  return unitOfWork.run(ctx, async (tx) => {
    const fresh = await tx.query<unknown[]>(
      'INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
      [consumer, job.event.id],
    );
    if (fresh.length === 0) return false;
    await handle(tx, job.event);
    return true;
  });
}
