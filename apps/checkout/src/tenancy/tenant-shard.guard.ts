import { HttpException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { bindTenantToRequest } from '@storefront/observability';
import { HttpErrorWithDetails } from '@storefront/service-runtime';
import { InvalidServiceTokenError, tenantContextFor, type ServiceTokens, type ShardRouter } from '@storefront/tenancy';
import type { FastifyReply } from 'fastify';
import type { CheckoutRequest } from './checkout-request';
import type { ShardTenantDirectory } from './shard-tenant-directory';

export const SHARD_GUARD_OPTIONS = Symbol('SHARD_GUARD_OPTIONS');

export interface TenantShardGuardOptions {
  readonly shardId: number;
  readonly tokens: ServiceTokens;
  readonly directory: ShardTenantDirectory;
  readonly router: ShardRouter;
}

/**
 * Accepts a request only with a valid service token for a live tenant recorded on this shard.
 * A tenant of another shard gets 421 naming the right shard (and its URL), so a caller with a
 * stale route can correct itself.
 */
@Injectable()
export class TenantShardGuard implements CanActivate {
  constructor(@Inject(SHARD_GUARD_OPTIONS) private readonly options: TenantShardGuardOptions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CheckoutRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new HttpException('a service token is required', 401);
    let claims;
    try {
      claims = await this.options.tokens.verify('checkout', token);
    } catch (error) {
      if (error instanceof InvalidServiceTokenError) throw new HttpException(error.message, 401);
      throw error;
    }

    const tenant = await this.options.directory.lookup(claims.tenantId);
    if (!tenant || tenant.status === 'deleted' || tenant.status === 'deleting' || tenant.status === 'provisioning') {
      throw new HttpException('store not found', 404);
    }
    if (tenant.status === 'suspended') throw new HttpException('this store is suspended', 503);
    if (tenant.shard !== this.options.shardId) {
      const shard = tenant.shard ?? -1;
      const url = tenant.shard === undefined ? '' : this.options.router.urlOf('checkout', shard);
      void context.switchToHttp().getResponse<FastifyReply>().header('x-checkout-shard', String(shard)).header('x-checkout-shard-url', url);
      throw new HttpErrorWithDetails(421, `this store is served by checkout shard ${shard}, not ${this.options.shardId}`, [
        { field: 'shard', message: String(shard) },
        { field: 'shardUrl', message: url },
      ]);
    }

    request.tenantContext = tenantContextFor({ id: tenant.tenantId, clusterId: tenant.clusterId }, String(request.id));
    if (claims.customerId) request.customerId = claims.customerId;
    bindTenantToRequest(tenant.tenantId);
    return true;
  }
}
