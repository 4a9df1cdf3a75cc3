import { Reflector } from '@nestjs/core';
import type { TenantPrincipalKind } from '@storefront/tenancy';

/**
 * The principal kinds a shard route serves, e.g. `@AcceptPrincipals(['merchant'])` on refund.
 * TenantShardGuard refuses any other kind with 403, and a route that declares none is closed:
 * forgetting the declaration denies, it never opens a merchant route to shoppers.
 */
export const AcceptPrincipals = Reflector.createDecorator<readonly TenantPrincipalKind[]>();
