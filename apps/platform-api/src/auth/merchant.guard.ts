import {
  ConflictException,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bindTenantToRequest } from '@storefront/observability';
import { TenantNotFoundError, TenantRegistry, tenantContextFor } from '@storefront/tenancy';
import { AccessTokens } from '../accounts/access-tokens';
import { AccountTokenVersions } from './account-token-versions';
import { verifiedClaims } from './bearer-token';
import type { AuthenticatedRequest } from './principals';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const OPEN_WHILE_PROVISIONING = 'merchant:open-while-provisioning';

/**
 * A merchant route that answers while the store is still being set up (Kubernetes mode, between
 * signup and Ready): it must not touch the tenant's schema, which may not exist yet.
 */
export const OpenWhileProvisioning = (): MethodDecorator => SetMetadata(OPEN_WHILE_PROVISIONING, true);

/**
 * Merchant routes: the tenant comes from the verified token and is re-read from the registry on
 * every request, so a suspension or deletion takes effect at once. A suspended store is read-only;
 * a store still provisioning answers only the routes marked OpenWhileProvisioning (409 elsewhere).
 */
@Injectable()
export class MerchantGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly versions: AccountTokenVersions,
    private readonly registry: TenantRegistry,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const claims = await verifiedClaims(request, this.tokens, this.versions);
    if (claims.role !== 'merchant') throw new ForbiddenException('this route is for merchants');
    const tenant = await this.registry.get(claims.tenantId!).catch((error: unknown) => {
      if (error instanceof TenantNotFoundError) return undefined;
      throw error;
    });
    if (!tenant || (tenant.status !== 'active' && tenant.status !== 'suspended' && tenant.status !== 'provisioning')) {
      throw new UnauthorizedException('the store of this token no longer exists');
    }
    if (tenant.status === 'provisioning' && !this.reflector.get<boolean>(OPEN_WHILE_PROVISIONING, context.getHandler())) {
      throw new ConflictException('the store is still being set up; GET /api/v1/store shows when it is ready');
    }
    if (tenant.status === 'suspended' && !READ_METHODS.has(request.method)) {
      throw new ForbiddenException('the store is suspended: its admin API is read-only until it is resumed');
    }
    bindTenantToRequest(tenant.id);
    request.principal = {
      kind: 'merchant',
      accountId: claims.accountId,
      email: claims.email,
      tenant,
      ctx: tenantContextFor(tenant, request.id),
    };
    return true;
  }
}
