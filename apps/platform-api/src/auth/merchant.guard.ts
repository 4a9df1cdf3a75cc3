import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { bindTenantToRequest } from '@storefront/observability';
import { TenantNotFoundError, TenantRegistry, tenantContextFor } from '@storefront/tenancy';
import { AccessTokens } from '../accounts/access-tokens';
import { verifiedClaims } from './bearer-token';
import type { AuthenticatedRequest } from './principals';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Merchant routes: the tenant comes from the verified token and is re-read from the registry on
 * every request, so a suspension or deletion takes effect at once. A suspended store is read-only.
 */
@Injectable()
export class MerchantGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly registry: TenantRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const claims = await verifiedClaims(request, this.tokens);
    if (claims.role !== 'merchant') throw new ForbiddenException('this route is for merchants');
    const tenant = await this.registry.get(claims.tenantId!).catch((error: unknown) => {
      if (error instanceof TenantNotFoundError) return undefined;
      throw error;
    });
    if (!tenant || (tenant.status !== 'active' && tenant.status !== 'suspended')) {
      throw new UnauthorizedException('the store of this token no longer exists');
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
