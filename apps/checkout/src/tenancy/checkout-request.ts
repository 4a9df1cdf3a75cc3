import type { TenantContext } from '@storefront/contracts';
import type { FastifyRequest } from 'fastify';

/** A request the shard guard accepted: the tenant comes from verified token claims only. */
export interface CheckoutRequest extends FastifyRequest {
  tenantContext: TenantContext;
  customerId?: string;
}
