import { AsyncLocalStorage } from 'node:async_hooks';
import type { SerializedTenantContext, TenantContext } from '@storefront/contracts';
import { assertTenantIdentifier, tenantIdentifierFor } from '@storefront/database';

const storage = new AsyncLocalStorage<TenantContext>();

/** Runs `work` with `ctx` as the ambient tenant (read by loggers and job producers). */
export function runWithTenantContext<T>(ctx: TenantContext, work: () => T): T {
  return storage.run(ctx, work);
}

/** The ambient tenant, if any: for cross-cutting concerns only; services take ctx explicitly. */
export function currentTenantContext(): TenantContext | undefined {
  return storage.getStore();
}

export function tenantContextFor(
  tenant: { id: string; clusterId: string },
  requestId: string,
): TenantContext {
  const identifier = tenantIdentifierFor(tenant.id);
  return { tenantId: tenant.id, schema: identifier, role: identifier, clusterId: tenant.clusterId, requestId };
}

export function serializeTenantContext(ctx: TenantContext): SerializedTenantContext {
  return {
    v: 1,
    tenantId: ctx.tenantId,
    schema: ctx.schema,
    role: ctx.role,
    clusterId: ctx.clusterId,
    requestId: ctx.requestId,
  };
}

/**
 * Rebuilds a context from a job payload. The schema and role are re-derived from the tenant id
 * and must match, so a tampered payload cannot point a worker at another tenant's schema.
 */
export function deserializeTenantContext(payload: unknown): TenantContext {
  const value = payload as Partial<SerializedTenantContext> | null;
  if (!value || value.v !== 1 || typeof value.tenantId !== 'string' || typeof value.clusterId !== 'string') {
    throw new Error('job payload carries no valid tenant context');
  }
  const expected = tenantIdentifierFor(value.tenantId);
  if (value.schema !== expected || value.role !== expected) {
    throw new Error('tenant context schema/role do not match its tenant id');
  }
  assertTenantIdentifier(expected);
  return {
    tenantId: value.tenantId,
    schema: expected,
    role: expected,
    clusterId: value.clusterId,
    requestId: typeof value.requestId === 'string' ? value.requestId : 'job',
  };
}
