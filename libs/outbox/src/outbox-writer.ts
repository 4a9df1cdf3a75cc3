import { createHash } from 'node:crypto';
import type { TenantTransaction } from '@storefront/tenancy';
import type { DomainEvent } from './domain-event';

/**
 * Appends an event to the cluster's outbox inside the tenant's transaction, so the event exists
 * exactly when the change does. Row-level security makes PostgreSQL refuse a row for another tenant.
 */
export async function appendToOutbox(tx: TenantTransaction, event: DomainEvent, options: { once?: boolean } = {}): Promise<void> {
  if (event.tenantId !== tx.ctx.tenantId) throw new Error('an event must belong to the tenant of its transaction');
  // `once`: an event whose id is derived from what it announces, written again by a retried step.
  await tx.query(
    `INSERT INTO platform.outbox (event_id, tenant_id, event_type, payload, occurred_at) VALUES ($1, $2, $3, $4, $5)${options.once ? ' ON CONFLICT DO NOTHING' : ''}`,
    [event.id, event.tenantId, event.type, JSON.stringify(event.payload), event.occurredAt],
  );
}

/**
 * `store.provisioned` (the merchant's "your store is ready" email): once per tenant, whichever
 * process provisions it (platform API in-process, the operator in Kubernetes) and however often
 * activation is retried, as its id derives from the tenant.
 */
export async function announceStoreProvisioned(tx: TenantTransaction, tenant: { readonly id: string; readonly slug: string }): Promise<void> {
  const hex = createHash('sha256').update(`store.provisioned:${tenant.id}`).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  await appendToOutbox(tx, { id, type: 'store.provisioned', tenantId: tenant.id, occurredAt: new Date().toISOString(), payload: { slug: tenant.slug } }, { once: true });
}
