import { TENANT_MIGRATIONS, type TenantMigration } from '@storefront/tenant-schema';
import { provisionTestTenant, useTestTenancy } from '../testing';
import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { TenantMigrator, type MigrateAllProgress } from './tenant-migrator';

/** A realistic migration that fails on bad data: product titles become unique per store. */
const uniqueTitles: TenantMigration = {
  name: '9001-unique-product-titles',
  async up(queryRunner: QueryRunner) {
    await queryRunner.query('CREATE UNIQUE INDEX products_title_unique ON products (title)');
  },
};

describe('migrate all tenants', () => {
  // A private database: this suite counts every tenant it holds.
  const fixture = useTestTenancy({ database: 'migrate_all' });

  it('migrates every other tenant when one fails, reports it, and a re-run resumes only what is left', async () => {
    const tenants = [];
    for (let i = 0; i < 12; i++) tenants.push(await provisionTestTenant(fixture.tenancy));
    const broken = tenants[5]!;
    await fixture.tenancy.unitOfWork.run(broken.ctx, (tx) =>
      tx.query(`INSERT INTO products (slug, title, price_amount, currency) VALUES ('a', 'Same', 1, 'EUR'), ('b', 'Same', 1, 'EUR')`),
    );

    const migrator = new TenantMigrator(fixture.clusters, [...TENANT_MIGRATIONS, uniqueTitles]);
    const progress: MigrateAllProgress[] = [];
    const first = await migrator.migrateAll({ concurrency: 4, onProgress: (p) => progress.push(p) });

    expect(first.total).toBe(12);
    expect(first.succeeded).toHaveLength(11);
    expect(first.failed.map((f) => f.tenantId)).toEqual([broken.tenant.id]);
    expect(first.failed[0]!.error.message).toMatch(/could not create unique index/);
    expect(progress).toHaveLength(12);
    expect(progress.at(-1)).toMatchObject({ total: 12, succeeded: 11, failed: 1 });

    const versions = await fixture.clusters.primary.query(
      'SELECT schema_version, count(*)::int AS n FROM platform.tenants GROUP BY schema_version ORDER BY schema_version',
    );
    // The broken tenant stays at the shipped migrations; the rest got the extra one.
    expect(versions).toEqual([
      { schema_version: TENANT_MIGRATIONS.length, n: 1 },
      { schema_version: TENANT_MIGRATIONS.length + 1, n: 11 },
    ]);

    await fixture.tenancy.unitOfWork.run(broken.ctx, (tx) => tx.query(`UPDATE products SET title = 'Other' WHERE slug = 'b'`));
    const second = await migrator.migrateAll({ concurrency: 4 });
    expect(second.total).toBe(1);
    expect(second.succeeded.map((s) => s.tenantId)).toEqual([broken.tenant.id]);
    expect(second.succeeded[0]!.applied).toEqual(['9001-unique-product-titles']);

    const third = await migrator.migrateAll({ concurrency: 4 });
    expect(third.total).toBe(0);
  });

  it('leaves a tenant that is still being provisioned (registered, no schema yet) to its provisioner', async () => {
    const registered = await fixture.tenancy.provisioner.register({ tenantId: randomUUID(), slug: `reg-${randomUUID().slice(0, 8)}`, name: 'Registered' });
    const migrator = new TenantMigrator(fixture.clusters, TENANT_MIGRATIONS);
    expect((await migrator.pendingTenants()).map((tenant) => tenant.id)).not.toContain(registered.id);
    expect((await migrator.migrateAll({ concurrency: 2 })).failed).toEqual([]);

    // Once provisioned, it is a tenant like the others.
    await fixture.tenancy.provisioner.provision({ tenantId: registered.id, slug: registered.slug, name: registered.name });
    expect((await fixture.tenancy.registry.get(registered.id)).schemaVersion).toBe(TENANT_MIGRATIONS.length);
  });

  it('lets the tenant role use tables a migration adds', async () => {
    const { ctx, tenant } = await provisionTestTenant(fixture.tenancy);
    const addWishlists: TenantMigration = {
      name: '9002-wishlist-notes',
      async up(queryRunner) {
        await queryRunner.query('CREATE TABLE wishlist_notes (id bigserial PRIMARY KEY, body text NOT NULL)');
      },
    };
    await new TenantMigrator(fixture.clusters, [...TENANT_MIGRATIONS, uniqueTitles, addWishlists]).migrateTenant(tenant);
    const rows = await fixture.tenancy.unitOfWork.run(ctx, async (tx) => {
      await tx.query(`INSERT INTO wishlist_notes (body) VALUES ('great hat')`);
      return tx.query('SELECT body FROM wishlist_notes');
    });
    expect(rows).toEqual([{ body: 'great hat' }]);
  });
});
