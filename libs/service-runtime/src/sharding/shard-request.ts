import type { TenantContext } from '@storefront/contracts';
import type { FastifyRequest } from 'fastify';

/** A request a shard's guard accepted: the tenant comes from verified token claims only. */
export interface ShardRequest extends FastifyRequest {
  tenantContext: TenantContext;
  customerId?: string;
}
