/** Test fixtures for tenancy: wiring with test defaults and tenants provisioned on demand. */
import { randomUUID } from 'node:crypto';
import type { TenantEntity } from '@storefront/database';
import { createTenancyServices, tenantContextFor, type TenancyServices, type TenancyServicesOptions } from '../src';
import type { TenantContext } from '@storefront/contracts';

export const TEST_PLATFORM_DOMAIN = 'shop.test';
export const TEST_SHARD_COUNTS = { checkout: 2, search: 2, notifications: 2 } as const;

export function createTestTenancy(
  options: Pick<TenancyServicesOptions, 'clusters' | 'redis'> & Partial<TenancyServicesOptions>,
): TenancyServices {
  return createTenancyServices({ platformDomain: TEST_PLATFORM_DOMAIN, shardCounts: TEST_SHARD_COUNTS, ...options });
}

/** A unique slug per call, so tests never collide on the shared worker database. */
export function uniqueSlug(prefix = 'store'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function provisionTestTenant(
  tenancy: TenancyServices,
  overrides: { slug?: string; name?: string } = {},
): Promise<{ tenant: TenantEntity; ctx: TenantContext }> {
  const slug = overrides.slug ?? uniqueSlug();
  const tenant = await tenancy.provisioner.provision({ tenantId: randomUUID(), slug, name: overrides.name ?? slug });
  return { tenant, ctx: tenantContextFor(tenant, `test-${randomUUID()}`) };
}
