import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createTestClusters, testDatabaseUrl } from '@storefront/testing';
import { createTestTenancy, provisionTestTenant, uniqueSlug, useTestTenancy } from '../testing';
import { PROVISIONING_STEPS, SlugTakenError } from './tenant-provisioner';
import { tenantContextFor } from './tenant-context';

const WORKSPACE_ROOT = join(__dirname, '../../..');

function runProvisionUntilKilled(args: string[]): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/tenancy/test/provision-until-killed.ts', ...args], {
      cwd: WORKSPACE_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal ? resolve(signal) : reject(new Error(`exited ${code}: ${stderr}`))));
  });
}

describe('tenant provisioning', () => {
  const fixture = useTestTenancy();

  async function expectOneConsistentTenant(tenantId: string): Promise<void> {
    const tenants = await fixture.clusters.primary.query('SELECT status, schema_version FROM platform.tenants WHERE id = $1', [tenantId]);
    expect(tenants).toEqual([{ status: 'active', schema_version: fixture.tenancy.migrator.targetVersion }]);
    const schema = tenantContextFor({ id: tenantId, clusterId: 'main' }, 'check').schema;
    const [{ schemas, roles }] = await fixture.clusters.primary.query(
      `SELECT (SELECT count(*)::int FROM pg_namespace WHERE nspname = $1) AS schemas,
              (SELECT count(*)::int FROM pg_roles WHERE rolname = $1 AND NOT rolcanlogin) AS roles`,
      [schema],
    );
    expect({ schemas, roles }).toEqual({ schemas: 1, roles: 1 });
    const shards = await fixture.clusters.primary.query('SELECT service FROM platform.shard_assignments WHERE tenant_id = $1 ORDER BY service', [tenantId]);
    expect(shards.map((s: { service: string }) => s.service)).toEqual(['checkout', 'notifications', 'search']);
    const domains = await fixture.clusters.primary.query('SELECT count(*)::int AS n FROM platform.domains WHERE tenant_id = $1', [tenantId]);
    expect(domains[0].n).toBe(1);
    const ctx = tenantContextFor({ id: tenantId, clusterId: 'main' }, 'check');
    const applied = await fixture.clusters.primary.query(`SELECT count(*)::int AS n FROM "${schema}".schema_migrations`);
    expect(applied[0].n).toBe(fixture.tenancy.migrator.targetVersion);
    await expect(fixture.tenancy.unitOfWork.run(ctx, (tx) => tx.query('SELECT count(*) FROM products'))).resolves.toBeDefined();
    // The store's first settings come with provisioning, under the name it was registered with.
    const settings = await fixture.tenancy.unitOfWork.run(ctx, (tx) => tx.query('SELECT name, currency, locale FROM store_settings'));
    const [{ name }] = await fixture.clusters.primary.query('SELECT name FROM platform.tenants WHERE id = $1', [tenantId]);
    expect(settings).toEqual([{ name, currency: 'USD', locale: 'en' }]);
  }

  it('provisions a live tenant with role, schema, migrations, shards and host', async () => {
    const tenantId = randomUUID();
    const tenant = await fixture.tenancy.provisioner.provision({ tenantId, slug: uniqueSlug(), name: 'Hat Shop' });
    expect(tenant.status).toBe('active');
    await expectOneConsistentTenant(tenantId);
  });

  it.each(PROVISIONING_STEPS.filter((step) => step !== 'activate'))(
    'completes one consistent tenant when re-run after the process was killed after "%s"',
    async (step) => {
      const tenantId = randomUUID();
      const slug = uniqueSlug();
      const signal = await runProvisionUntilKilled([await testDatabaseUrl(), process.env.TEST_REDIS_URL!, tenantId, slug, step]);
      expect(signal).toBe('SIGKILL');

      await fixture.tenancy.provisioner.provision({ tenantId, slug, name: slug });
      await expectOneConsistentTenant(tenantId);
    },
  );

  it('keeps the tenant provisioning when asked not to activate it, until activate() makes it live once', async () => {
    const tenantId = randomUUID();
    const tenant = await fixture.tenancy.provisioner.provision({ tenantId, slug: uniqueSlug(), name: 'Later Shop' }, { activate: false });
    expect(tenant).toMatchObject({ status: 'provisioning', schemaVersion: fixture.tenancy.migrator.targetVersion, provisionedAt: null });
    expect(await fixture.tenancy.provisioner.activate(tenantId)).toBe(true);
    expect(await fixture.tenancy.provisioner.activate(tenantId)).toBe(false);
    await expectOneConsistentTenant(tenantId);
  });

  it('registers a tenant without provisioning it, taking its slug', async () => {
    const slug = uniqueSlug();
    const registered = await fixture.tenancy.provisioner.register({ tenantId: randomUUID(), slug, name: 'Registered' });
    expect(registered).toMatchObject({ status: 'provisioning', schemaVersion: 0 });
    const [{ schemas }] = await fixture.clusters.primary.query('SELECT count(*)::int AS schemas FROM pg_namespace WHERE nspname = $1', [registered.schemaName]);
    expect(schemas).toBe(0);
    await expect(fixture.tenancy.provisioner.register({ tenantId: randomUUID(), slug, name: 'Second' })).rejects.toBeInstanceOf(SlugTakenError);
  });

  it('is idempotent when run twice, and concurrently', async () => {
    const input = { tenantId: randomUUID(), slug: uniqueSlug(), name: 'Twice' };
    await Promise.all([fixture.tenancy.provisioner.provision(input), fixture.tenancy.provisioner.provision(input)]);
    await fixture.tenancy.provisioner.provision(input);
    await expectOneConsistentTenant(input.tenantId);
  });

  it('refuses a slug that another tenant has', async () => {
    const slug = uniqueSlug();
    await fixture.tenancy.provisioner.provision({ tenantId: randomUUID(), slug, name: 'First' });
    await expect(fixture.tenancy.provisioner.provision({ tenantId: randomUUID(), slug, name: 'Second' })).rejects.toBeInstanceOf(SlugTakenError);
  });

  it('resumes tenants left in provisioning', async () => {
    const tenantId = randomUUID();
    await runProvisionUntilKilled([await testDatabaseUrl(), process.env.TEST_REDIS_URL!, tenantId, uniqueSlug(), 'schema']);
    const resumed = await fixture.tenancy.provisioner.resumeIncomplete();
    expect(resumed.map((t) => t.id)).toContain(tenantId);
    await expectOneConsistentTenant(tenantId);
  });

  it('places tenants across database clusters and serves each from its own cluster', async () => {
    const multi = await createTestClusters({ database: 'placement', extraClusters: ['eu'] });
    try {
      const spread = createTestTenancy({ clusters: multi, redis: fixture.redis });
      const tenants = [];
      for (let i = 0; i < 16; i++) tenants.push((await provisionTestTenant(spread)).tenant);
      const byCluster = new Set(tenants.map((t) => t.clusterId));
      expect(byCluster).toEqual(new Set(['main', 'eu']));

      for (const tenant of tenants) {
        const ctx = tenantContextFor(tenant, 'placement');
        const [{ db }] = await spread.unitOfWork.run(ctx, (tx) => tx.query<{ db: string }[]>('SELECT current_database() AS db'));
        expect(db.endsWith(tenant.clusterId === 'eu' ? '_placementeu' : '_placement')).toBe(true);
      }
    } finally {
      await multi.destroy();
    }
  });
});
