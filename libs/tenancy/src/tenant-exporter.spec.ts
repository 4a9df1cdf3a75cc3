import type { DatabaseClusters } from '@storefront/database';
import { TENANT_MIGRATIONS, type TenantMigration } from '@storefront/tenant-schema';
import { createTestClusters, createTestRedis } from '@storefront/testing';
import type Redis from 'ioredis';
import { createTestTenancy, provisionTestTenant } from '../testing';
import { TenantDeprovisioner } from './tenant-deprovisioner';
import { TenantExporter } from './tenant-exporter';
import { TenantMigrator } from './tenant-migrator';
import type { TenancyServices } from './tenancy-services';

/** A table some future module adds: the export must pick it up without being told. */
const loyaltyPoints: TenantMigration = {
  name: '9101-loyalty-points-for-export-test',
  async up(queryRunner) {
    await queryRunner.query('CREATE TABLE loyalty_points (id bigserial PRIMARY KEY, points bigint NOT NULL)');
  },
};

describe('tenant export and deprovisioning', () => {
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

  it('exports every table the tenant can read, including ones added by later migrations', async () => {
    const { tenant, ctx } = await provisionTestTenant(tenancy);
    await new TenantMigrator(clusters, [...TENANT_MIGRATIONS, loyaltyPoints]).migrateTenant(tenant);
    await tenancy.unitOfWork.run(ctx, async (tx) => {
      await tx.query(`INSERT INTO products (slug, title, price_amount, currency) VALUES ('mug', 'Mug', 900, 'EUR')`);
      await tx.query('INSERT INTO loyalty_points (points) VALUES (900), (1800)');
    });

    const archive = await new TenantExporter(tenancy.unitOfWork).export(tenant, 'test');
    expect(archive.tenant).toEqual({ id: tenant.id, slug: tenant.slug, name: tenant.name, plan: 'starter' });
    expect(archive.tables.products).toEqual([expect.objectContaining({ slug: 'mug', title: 'Mug' })]);
    expect(archive.tables.loyalty_points!.map((row) => Number(row.points))).toEqual([900, 1800]);
    expect(archive.tables.orders).toEqual([]);
    expect(Object.keys(archive.tables)).not.toContain('schema_migrations');
  });

  it('purges schema, role and hosts but keeps the registry row as deleted', async () => {
    const { tenant } = await provisionTestTenant(tenancy);
    await new TenantDeprovisioner(clusters, tenancy.notifier).purge(tenant, 'test');
    const [state] = await clusters.primary.query(
      `SELECT (SELECT status FROM platform.tenants WHERE id = $1) AS status,
              (SELECT count(*)::int FROM pg_namespace WHERE nspname = $2) AS schemas,
              (SELECT count(*)::int FROM pg_roles WHERE rolname = $2) AS roles,
              (SELECT count(*)::int FROM platform.domains WHERE tenant_id = $1) AS domains`,
      [tenant.id, tenant.schemaName],
    );
    expect(state).toEqual({ status: 'deleted', schemas: 0, roles: 0, domains: 0 });
    // Idempotent: a second purge (another replica) finds nothing left to drop.
    await expect(new TenantDeprovisioner(clusters, tenancy.notifier).purge(tenant, 'test')).resolves.toBeUndefined();
  });
});
