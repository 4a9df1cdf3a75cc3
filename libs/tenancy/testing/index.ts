/** Test fixtures for tenancy: wiring with test defaults and tenants provisioned on demand. */
import { randomUUID } from 'node:crypto';
import { DatabaseClusters, isPostgresError, type TenantEntity } from '@storefront/database';
import type { Client } from 'pg';
import { createTestClusters, createTestRedis, startPrivatePostgres, type PrivatePostgres } from '@storefront/testing';
import type Redis from 'ioredis';
import {
  createTenancyServices,
  tenantContextFor,
  type ShardedService,
  type TenancyServices,
  type TenancyServicesOptions,
} from '../src';
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

export interface TestTenancyHandle {
  readonly clusters: DatabaseClusters;
  readonly redis: Redis;
  readonly tenancy: TenancyServices;
}

/**
 * Registers beforeAll/afterAll that open this worker's database and Redis and wire tenancy over
 * them; read the fields inside tests (they are set once beforeAll ran).
 */
export function useTestTenancy(options: Parameters<typeof createTestClusters>[0] = {}): TestTenancyHandle {
  const handle = {} as { clusters: DatabaseClusters; redis: Redis; tenancy: TenancyServices };
  beforeAll(async () => {
    handle.clusters = await createTestClusters(options);
    handle.redis = createTestRedis();
    handle.tenancy = createTestTenancy({ clusters: handle.clusters, redis: handle.redis });
  });
  afterAll(async () => {
    await handle.clusters?.destroy();
    handle.redis?.disconnect();
  });
  return handle;
}

/**
 * As useTestTenancy, on a PostgreSQL server of the test file's own (the run's shared server must
 * never stop): for fault tests that stop and start it.
 */
export function usePrivatePostgresTenancy(): TestTenancyHandle & { readonly postgres: PrivatePostgres } {
  const handle = {} as { clusters: DatabaseClusters; redis: Redis; tenancy: TenancyServices; postgres: PrivatePostgres };
  beforeAll(async () => {
    handle.postgres = await startPrivatePostgres();
    handle.clusters = new DatabaseClusters({ urls: { main: handle.postgres.ownerUrl } });
    await handle.clusters.initialize();
    handle.redis = createTestRedis();
    handle.tenancy = createTestTenancy({ clusters: handle.clusters, redis: handle.redis });
  }, 120_000);
  afterAll(async () => {
    await handle.clusters?.destroy();
    handle.redis?.disconnect();
    await handle.postgres?.remove();
  });
  return handle;
}

/** A provisioned tenant whose `service` shard is `shard` (moved there when hashing chose another). */
export async function provisionTestTenantOnShard(
  tenancy: TenancyServices,
  service: ShardedService,
  shard: number,
): Promise<{ tenant: TenantEntity; ctx: TenantContext }> {
  const provisioned = await provisionTestTenant(tenancy);
  if ((await tenancy.shards.shardOf(provisioned.tenant.id, service)) !== shard) {
    await tenancy.shards.move(provisioned.tenant.id, service, shard, 'test');
  }
  return provisioned;
}

/** Runs `sql` as the given connection: 'refused' when PostgreSQL denies the privilege (42501). */
export async function privilegeOutcome(client: Client, sql: string): Promise<'allowed' | 'refused'> {
  try {
    await client.query(sql);
    return 'allowed';
  } catch (error) {
    if (isPostgresError(error, '42501')) return 'refused';
    throw error;
  }
}
