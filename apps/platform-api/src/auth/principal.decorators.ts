import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest, MerchantPrincipal, PlatformAdminPrincipal } from './principals';

/** The merchant MerchantGuard verified for this request. */
export const CurrentMerchant = createParamDecorator((_data: unknown, context: ExecutionContext): MerchantPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'merchant') throw new Error('CurrentMerchant used on a route without MerchantGuard');
  return principal;
});

/** The platform admin PlatformAdminGuard verified for this request. */
export const CurrentAdmin = createParamDecorator((_data: unknown, context: ExecutionContext): PlatformAdminPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'platform_admin') throw new Error('CurrentAdmin used on a route without PlatformAdminGuard');
  return principal;
});
