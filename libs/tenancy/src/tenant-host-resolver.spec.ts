import { DomainEntity, type DatabaseClusters } from '@storefront/database';
import { createTestClusters, createTestRedis } from '@storefront/testing';
import { createTestTenancy, provisionTestTenant, TEST_PLATFORM_DOMAIN } from '../testing';
import type Redis from 'ioredis';
import { TenantChangeNotifier } from './tenant-change-notifier';
import { TenantHostResolver } from './tenant-host-resolver';
import type { TenancyServices } from './tenancy-services';

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('host -> tenant resolution', () => {
  let clusters: DatabaseClusters;
  let redis: Redis;
  let subscriber: Redis;
  let tenancy: TenancyServices;
  /** Stands in for another process: its own cache, told of changes only through Redis. */
  let otherProcessResolver: TenantHostResolver;
  let unsubscribe: () => Promise<void>;

  beforeAll(async () => {
    clusters = await createTestClusters();
    redis = createTestRedis();
    subscriber = createTestRedis();
    tenancy = createTestTenancy({ clusters, redis });
    otherProcessResolver = new TenantHostResolver(clusters, { ttlMs: 600_000 });
    unsubscribe = await TenantChangeNotifier.subscribe(subscriber, (change) => otherProcessResolver.invalidate(change.tenantId));
  });

  afterAll(async () => {
    await unsubscribe();
    await clusters.destroy();
    redis.disconnect();
    subscriber.disconnect();
  });

  it('resolves <slug>.<platform domain> regardless of case, port and trailing dot', async () => {
    const { tenant } = await provisionTestTenant(tenancy);
    for (const host of [`${tenant.slug}.${TEST_PLATFORM_DOMAIN}`, `${tenant.slug.toUpperCase()}.${TEST_PLATFORM_DOMAIN}:8081`, `${tenant.slug}.${TEST_PLATFORM_DOMAIN}.`]) {
      expect(await tenancy.hostResolver.resolve(host)).toMatchObject({ tenantId: tenant.id, status: 'active' });
    }
  });

  it('answers nothing for unknown or malformed hosts', async () => {
    expect(await tenancy.hostResolver.resolve(`nobody.${TEST_PLATFORM_DOMAIN}`)).toBeUndefined();
    expect(await tenancy.hostResolver.resolve('evil.example/../x')).toBeUndefined();
    expect(await tenancy.hostResolver.resolve('')).toBeUndefined();
  });

  it('sees a status change in another process through the invalidation message', async () => {
    const { tenant } = await provisionTestTenant(tenancy);
    const host = `${tenant.slug}.${TEST_PLATFORM_DOMAIN}`;
    expect(await otherProcessResolver.resolve(host)).toMatchObject({ status: 'active' });

    await tenancy.registry.setStatus(tenant.id, 'suspended', 'test');
    const seen = await eventually(() => otherProcessResolver.resolve(host), (t) => t?.status === 'suspended');
    expect(seen).toMatchObject({ tenantId: tenant.id, status: 'suspended' });
  });

  it('serves a custom domain only once it is verified, and forgets a negative answer on change', async () => {
    const { tenant } = await provisionTestTenant(tenancy);
    const host = `shop-${tenant.slug}.example.com`;
    await clusters.primary.getRepository(DomainEntity).insert({
      host,
      tenantId: tenant.id,
      kind: 'custom',
      verificationToken: 'token',
      verifiedAt: null,
    });
    expect(await otherProcessResolver.resolve(host)).toBeUndefined();

    await clusters.primary.getRepository(DomainEntity).update({ host }, { verifiedAt: new Date() });
    await tenancy.notifier.publish({ tenantId: tenant.id });
    const seen = await eventually(() => otherProcessResolver.resolve(host), (t) => t !== undefined);
    expect(seen).toMatchObject({ tenantId: tenant.id });
  });
});
