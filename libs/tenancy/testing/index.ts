/** Test fixtures for tenancy: wiring with test defaults and tenants provisioned on demand. */
import { randomUUID } from 'node:crypto';
import type { TenantEntity } from '@storefront/database';
import { createTenancyServices, tenantContextFor, type TenancyServices, type TenancyServicesOptions } from '../src';
import type { TenantContext } from '@storefront/contracts';
import type { DatabaseClusters } from '@storefront/database';
import { createTestClusters, createTestRedis } from '@storefront/testing';
import type Redis from 'ioredis';

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

export interface TenancyFixture {
  readonly clusters: DatabaseClusters;
  readonly redis: Redis;
  readonly tenancy: TenancyServices;
}

/**
 * Registers beforeAll/afterAll that connect to this worker's database and the test Redis, and
 * returns accessors valid inside tests. `database` gives the suite a private database (for suites
 * that count or rebalance every tenant).
 */
export function useTenancyFixture(options: Parameters<typeof createTestClusters>[0] = {}): TenancyFixture {
  let state: TenancyFixture | undefined;
  beforeAll(async () => {
    const clusters = await createTestClusters(options);
    const redis = createTestRedis();
    state = { clusters, redis, tenancy: createTestTenancy({ clusters, redis }) };
  });
  afterAll(async () => {
    await state?.clusters.destroy();
    state?.redis.disconnect();
  });
  const current = (): TenancyFixture => {
    if (!state) throw new Error('the tenancy fixture is only available inside tests');
    return state;
  };
  return {
    get clusters() {
      return current().clusters;
    },
    get redis() {
      return current().redis;
    },
    get tenancy() {
      return current().tenancy;
    },
  };
}
