import { HttpException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bindTenantToRequest } from '@storefront/observability';
import { InvalidServiceTokenError, tenantContextFor, type ServiceTokens, type ShardedService, type ShardRouter } from '@storefront/tenancy';
import type { FastifyReply } from 'fastify';
import { HttpErrorWithDetails } from '../http-exception.filter';
import { AcceptPrincipals } from './accept-principals';
import type { ShardRequest } from './shard-request';
import type { ShardTenantDirectory } from './shard-tenant-directory';

export const SHARD_GUARD_OPTIONS = Symbol('SHARD_GUARD_OPTIONS');

export interface TenantShardGuardOptions {
  /** The service this process is a shard of; also the audience of the tokens it accepts. */
  readonly service: ShardedService;
  readonly shardId: number;
  readonly tokens: ServiceTokens;
  readonly directory: ShardTenantDirectory;
  readonly router: ShardRouter;
}

/**
 * Accepts a request only with a valid service token for a live tenant recorded on this shard, of a
 * principal kind the route declares with @AcceptPrincipals (403 otherwise; undeclared is closed).
 * A tenant of another shard gets 421 naming the right shard (and its URL), so a caller with a
 * stale route can correct itself.
 */
@Injectable()
export class TenantShardGuard implements CanActivate {
  constructor(
    @Inject(SHARD_GUARD_OPTIONS) private readonly options: TenantShardGuardOptions,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ShardRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new HttpException('a service token is required', 401);
    const { service } = this.options;
    let principal;
    try {
      principal = await this.options.tokens.verify(service, token);
    } catch (error) {
      if (error instanceof InvalidServiceTokenError) throw new HttpException(error.message, 401);
      throw error;
    }

    const accepted = this.reflector.getAllAndOverride(AcceptPrincipals, [context.getHandler(), context.getClass()]) ?? [];
    if (!accepted.includes(principal.kind)) throw new HttpException(`this route does not serve ${principal.kind} tokens`, 403);

    const tenant = await this.options.directory.lookup(principal.tenantId);
    const live = tenant && tenant.shard !== undefined && !['deleted', 'deleting', 'provisioning'].includes(tenant.status);
    if (!tenant || !live) throw new HttpException('store not found', 404);
    if (tenant.status === 'suspended') throw new HttpException('this store is suspended', 503);
    if (tenant.shard !== this.options.shardId) {
      const shard = tenant.shard ?? -1;
      const url = tenant.shard === undefined ? '' : this.options.router.urlOf(service, shard);
      void context.switchToHttp().getResponse<FastifyReply>().header(`x-${service}-shard`, String(shard)).header(`x-${service}-shard-url`, url);
      throw new HttpErrorWithDetails(421, `this store is served by ${service} shard ${shard}, not ${this.options.shardId}`, [
        { field: 'shard', message: String(shard) },
        { field: 'shardUrl', message: url },
      ]);
    }

    request.tenantContext = tenantContextFor({ id: tenant.tenantId, clusterId: tenant.clusterId }, String(request.id));
    request.principal = principal;
    if (principal.kind === 'shopper' && principal.customerId) request.customerId = principal.customerId;
    bindTenantToRequest(tenant.tenantId);
    return true;
  }
}
