import type { TenantTransaction } from '@storefront/tenancy';
import type { DomainEvent } from './domain-event';

/**
 * Appends an event to the cluster's outbox inside the tenant's transaction, so the event exists
 * exactly when the change does. Row-level security makes PostgreSQL refuse a row for another tenant.
 */
export async function appendToOutbox(tx: TenantTransaction, event: DomainEvent): Promise<void> {
  if (event.tenantId !== tx.ctx.tenantId) throw new Error('an event must belong to the tenant of its transaction');
  await tx.query(
    'INSERT INTO platform.outbox (event_id, tenant_id, event_type, payload, occurred_at) VALUES ($1, $2, $3, $4, $5)',
    [event.id, event.tenantId, event.type, JSON.stringify(event.payload), event.occurredAt],
  );
}
