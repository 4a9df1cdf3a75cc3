import { createLogger } from '@storefront/observability';
import { ExpiredReservationsSweeper } from '@storefront/orders';
import { abandonReservation, seedVariant, stockOf } from '@storefront/orders/testing';
import { provisionTestTenantOnShard, useTestTenancy } from '@storefront/tenancy/testing';
import { ShardTenantJobsScheduler } from './shard-tenant-jobs.scheduler';

describe('housekeeping jobs of a checkout shard', () => {
  const env = useTestTenancy();

  it("returns expired reservations of the shard's own tenants only", async () => {
    const tenants = [];
    for (const shard of [0, 1]) {
      const { ctx } = await provisionTestTenantOnShard(env.tenancy, 'checkout', shard);
      const sku = await seedVariant(env.tenancy, ctx, { stock: 5 });
      await abandonReservation(env.tenancy, ctx, sku, 3);
      tenants.push({ ctx, sku });
    }
    const sweeper = new ExpiredReservationsSweeper(env.tenancy.unitOfWork);
    const jobs = [{ name: 'reservation sweep', run: async (ctx: Parameters<typeof sweeper.sweep>[0]) => ({ units: await sweeper.sweep(ctx) }) }];
    const scheduler = new ShardTenantJobsScheduler(env.clusters, jobs, 0, createLogger({ service: 'checkout', level: 'silent' }));
    await scheduler.runAll();
    expect(await stockOf(env.tenancy, tenants[0]!.ctx, tenants[0]!.sku)).toBe(5);
    expect(await stockOf(env.tenancy, tenants[1]!.ctx, tenants[1]!.sku)).toBe(2);
  });
});
