import type { TenantContext } from '@storefront/contracts';
import type { TenantPrincipal } from '@storefront/tenancy';
import type { FastifyRequest } from 'fastify';

/** A request a shard's guard accepted: the tenant and principal come from verified token claims only. */
export interface ShardRequest extends FastifyRequest {
  tenantContext: TenantContext;
  principal: TenantPrincipal;
  /** The signed-in shopper of a shopper token, when there is one. */
  customerId?: string;
}
