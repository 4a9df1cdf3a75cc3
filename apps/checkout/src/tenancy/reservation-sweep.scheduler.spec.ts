import type { DatabaseClusters } from '@storefront/database';
import { createLogger } from '@storefront/observability';
import { ExpiredReservationsSweeper } from '@storefront/orders';
import { abandonReservation, seedVariant, stockOf } from '@storefront/orders/testing';
import type { TenancyServices } from '@storefront/tenancy';
import { createTestTenancy, provisionTestTenant } from '@storefront/tenancy/testing';
import { createTestClusters, createTestRedis } from '@storefront/testing';
import type Redis from 'ioredis';
import { ReservationSweepScheduler } from './reservation-sweep.scheduler';

describe('reservation sweeps of a checkout shard', () => {
  let clusters: DatabaseClusters;
  let redis: Redis;
  let tenancy: TenancyServices;

  beforeAll(async () => {
    clusters = await createTestClusters();
    redis = createTestRedis();
    tenancy = createTestTenancy({ clusters, redis });
  });

  afterAll(async () => {
    await clusters.destroy();
    redis.disconnect();
  });

  it("returns expired reservations of the shard's own tenants only", async () => {
    const tenants = [];
    for (const shard of [0, 1]) {
      const { ctx } = await provisionTestTenant(tenancy);
      if ((await tenancy.shards.shardOf(ctx.tenantId, 'checkout')) !== shard) await tenancy.shards.move(ctx.tenantId, 'checkout', shard, 'test');
      const sku = await seedVariant(tenancy, ctx, { stock: 5 });
      await abandonReservation(tenancy, ctx, sku, 3);
      tenants.push({ ctx, sku });
    }
    const scheduler = new ReservationSweepScheduler(
      clusters,
      new ExpiredReservationsSweeper(tenancy.unitOfWork),
      0,
      createLogger({ service: 'checkout', level: 'silent' }),
    );
    await scheduler.sweepAll();
    expect(await stockOf(tenancy, tenants[0]!.ctx, tenants[0]!.sku)).toBe(5);
    expect(await stockOf(tenancy, tenants[1]!.ctx, tenants[1]!.sku)).toBe(2);
  });
});
