import type { TenantContext } from '@storefront/contracts';
import type { TenantEntity } from '@storefront/database';

/** A signed-in merchant, with the tenant taken from the verified token and checked in the registry. */
export interface MerchantPrincipal {
  readonly kind: 'merchant';
  readonly accountId: string;
  readonly email: string;
  readonly tenant: TenantEntity;
  readonly ctx: TenantContext;
}

export interface PlatformAdminPrincipal {
  readonly kind: 'platform_admin';
  readonly accountId: string;
  readonly email: string;
}

export type Principal = MerchantPrincipal | PlatformAdminPrincipal;

/** What the guards attach to the Fastify request. */
export interface AuthenticatedRequest {
  readonly id: string;
  readonly method: string;
  readonly headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}
