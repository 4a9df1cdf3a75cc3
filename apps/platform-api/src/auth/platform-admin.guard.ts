import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AccessTokens } from '../accounts/access-tokens';
import { AccountTokenVersions } from './account-token-versions';
import { verifiedClaims } from './bearer-token';
import type { AuthenticatedRequest } from './principals';

/** Platform admin routes: a verified token with the platform_admin role. */
@Injectable()
export class PlatformAdminGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly versions: AccountTokenVersions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const claims = await verifiedClaims(request, this.tokens, this.versions);
    if (claims.role !== 'platform_admin') throw new ForbiddenException('this route is for platform admins');
    request.principal = { kind: 'platform_admin', accountId: claims.accountId, email: claims.email };
    return true;
  }
}
