import type { TenantContext } from '@storefront/contracts';
import { randomUUID } from 'node:crypto';

/** A business fact, written to the outbox in the transaction that made it true. */
export interface DomainEvent<P extends Record<string, unknown> = Record<string, unknown>> {
  /** Consumers dedupe on this id: delivery is at-least-once. */
  readonly id: string;
  readonly type: string;
  readonly tenantId: string;
  readonly occurredAt: string;
  readonly payload: P;
}

export function newDomainEvent<P extends Record<string, unknown>>(ctx: TenantContext, type: string, payload: P): DomainEvent<P> {
  return { id: randomUUID(), type, tenantId: ctx.tenantId, occurredAt: new Date().toISOString(), payload };
}
