import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { databaseUrlAs, DatabaseClusters, ensureServiceDatabaseLogin, runPlatformMigrations, type TenantEntity } from '@storefront/database';
import { TENANT_MIGRATIONS, type TenantMigration } from '@storefront/tenant-schema';
import { createTenancyServices, TenantMigrator, tenantContextFor, TenantUnitOfWork, type TenancyServices } from '@storefront/tenancy';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { measure, progress, report, startBenchEnvironment, summarise, type LatencySummary } from './bench-kit';

const PRODUCT_READ = `
  SELECT p.id, p.title, p.price_amount, v.sku, v.stock
  FROM products p JOIN variants v ON v.product_id = p.id
  WHERE p.slug = $1`;

/**
 * Issue 2's tenancy benchmarks in one run, sharing the provisioned tenants:
 * provisioning latency, tenant-scoped read latency with few vs many tenants against the same
 * read on one fixed schema without the tenant switch, and migrate-all (no-op, one column).
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { tenants: { type: 'string', default: '1000' }, reads: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '4' } },
    strict: true,
  });
  const tenantCount = Number(values.tenants);
  const reads = Number(values.reads);
  const concurrency = Number(values.concurrency);

  const environment = await startBenchEnvironment('tenancy');
  const clusters = new DatabaseClusters({ urls: { main: environment.databaseUrl }, poolSize: concurrency + 2 });
  const redis = new Redis(environment.redisUrl);
  // Reads run as production's shared services do: the service login, which owns nothing and
  // reaches a tenant only by SET LOCAL ROLE through the switch role (ADR 0009).
  const serviceLogin = { user: 'bench_service_login', password: randomUUID() };
  const serviceClusters = new DatabaseClusters({ urls: { main: databaseUrlAs(environment.databaseUrl, serviceLogin) }, poolSize: concurrency + 2 });
  try {
    await clusters.initialize();
    await runPlatformMigrations(clusters.primary);
    await ensureServiceDatabaseLogin(clusters.primary, serviceLogin);
    await serviceClusters.initialize();
    const reading = new TenantUnitOfWork(serviceClusters);
    const tenancy = createTenancyServices({
      clusters,
      redis,
      platformDomain: 'bench.test',
      shardCounts: { checkout: 2, search: 2, notifications: 2 },
    });

    const provisioned: TenantEntity[] = [];
    const provisionLatencies: number[] = [];
    const provisionUpTo = async (target: number): Promise<void> => {
      const batch = await measure(target - provisioned.length, 1, async () => {
        const slug = `bench-${randomUUID().slice(0, 12)}`;
        const tenant = await tenancy.provisioner.provision({ tenantId: randomUUID(), slug, name: slug });
        await seedCatalog(tenancy, tenant);
        provisioned.push(tenant);
        progress('provisioned', provisioned.length, tenantCount);
      });
      provisionLatencies.push(...batch);
    };

    const startedAll = Date.now();
    await provisionUpTo(10);
    const fixedSchema = provisioned[0]!.schemaName;
    await createFixedSchemaRole(clusters, fixedSchema);
    const readsAt10 = await tenantReads(reading, provisioned, reads, concurrency);
    const fixedAt10 = await fixedSchemaReads(environment.databaseUrl, fixedSchema, reads, concurrency);

    await provisionUpTo(tenantCount);
    const provisionTotalMs = Date.now() - startedAll;
    // First as it comes (most reads meet their tenant's schema on that connection for the first
    // time), then once every pooled connection has read every tenant (a long-running pool).
    const readsAtN = await tenantReads(reading, provisioned, reads, concurrency);
    const fixedAtN = await fixedSchemaReads(environment.databaseUrl, fixedSchema, reads, concurrency);
    await warmEveryTenant(reading, provisioned, concurrency + 2, concurrency);
    const readsAtNWarm = await tenantReads(reading, provisioned, reads, concurrency);

    const migrateNoop = await migrateAllTimed(clusters, TENANT_MIGRATIONS, true);
    const addColumn: TenantMigration = {
      name: 'bench-add-column',
      up: async (queryRunner) => void (await queryRunner.query(`ALTER TABLE products ADD COLUMN bench_note text`)),
    };
    const migrateOneColumn = await migrateAllTimed(clusters, [...TENANT_MIGRATIONS, addColumn], false);

    report('tenancy', {
      tenants: tenantCount,
      readsPerCase: reads,
      concurrency,
      provisioning: { perTenantMs: summarise(provisionLatencies), totalSeconds: provisionTotalMs / 1000 },
      reads: {
        tenantSwitchAt10: readsAt10,
        fixedSchemaAt10: fixedAt10,
        [`tenantSwitchAt${tenantCount}`]: readsAtN,
        [`fixedSchemaAt${tenantCount}`]: fixedAtN,
        switchOverheadP50At10: ratio(readsAt10.p50, fixedAt10.p50),
        [`switchOverheadP50At${tenantCount}`]: ratio(readsAtN.p50, fixedAtN.p50),
        [`tenantSwitchAt${tenantCount}WarmPool`]: readsAtNWarm,
        [`switchOverheadP50At${tenantCount}WarmPool`]: ratio(readsAtNWarm.p50, fixedAtN.p50),
        [`p99RatioAt${tenantCount}VsAt10`]: ratio(readsAtN.p99, readsAt10.p99),
      },
      migrateAll: { noopSeconds: migrateNoop, oneColumnSeconds: migrateOneColumn },
      targets: { switchOverhead: '<= 1.10', p99Ratio: '<= 1.2', anchor: 'django-tenants: ~12 min for a no-op over 900 tenants' },
    });
  } finally {
    await serviceClusters.destroy();
    await clusters.destroy();
    redis.disconnect();
    await environment.stop();
  }
}

async function seedCatalog(tenancy: TenancyServices, tenant: TenantEntity): Promise<void> {
  await tenancy.unitOfWork.run(tenantContextFor(tenant, 'bench-seed'), async (tx) => {
    const [product] = await tx.query<{ id: string }[]>(
      `INSERT INTO products (slug, title, price_amount, currency) VALUES ('tee', 'T-shirt', 1999, 'EUR') RETURNING id`,
    );
    await tx.query(
      `INSERT INTO variants (product_id, sku, option_values, stock) VALUES ($1, 'tee-s', '{"Size":"S"}', 5), ($1, 'tee-m', '{"Size":"M"}', 5), ($1, 'tee-l', '{"Size":"L"}', 5)`,
      [product!.id],
    );
  });
}

/** The product-page read through the tenant unit of work, each on a random tenant. */
async function tenantReads(unitOfWork: TenantUnitOfWork, tenants: readonly TenantEntity[], count: number, concurrency: number): Promise<LatencySummary> {
  const contexts = tenants.map((tenant) => tenantContextFor(tenant, 'bench-read'));
  await measure(200, concurrency, (i) => unitOfWork.run(contexts[i % contexts.length]!, (tx) => tx.query(PRODUCT_READ, ['tee'])));
  return summarise(
    await measure(count, concurrency, () => {
      const ctx = contexts[Math.floor(Math.random() * contexts.length)]!;
      return unitOfWork.run(ctx, (tx) => tx.query(PRODUCT_READ, ['tee']));
    }),
  );
}

/** Reads every tenant `times` times, `concurrency` at a time, so each pooled connection has met each schema. */
async function warmEveryTenant(unitOfWork: TenantUnitOfWork, tenants: readonly TenantEntity[], times: number, concurrency: number): Promise<void> {
  const contexts = tenants.map((tenant) => tenantContextFor(tenant, 'bench-warm'));
  await measure(contexts.length * times, concurrency, (i) => unitOfWork.run(contexts[Math.floor(i / times)]!, (tx) => tx.query(PRODUCT_READ, ['tee'])));
}

/**
 * Baseline: a single-schema application. It logs in as an ordinary (non-superuser) role whose
 * search_path is its one schema, and runs the same read in the same kind of transaction, with no
 * tenant switch. (The platform pool's superuser would skip permission checks and flatter it.)
 */
async function fixedSchemaReads(databaseUrl: string, schema: string, count: number, concurrency: number): Promise<LatencySummary> {
  const fixed = new DataSource({
    type: 'postgres',
    url: withUser(databaseUrl, FIXED_SCHEMA_ROLE),
    extra: { max: concurrency + 2, options: `-c search_path=${schema}` },
  });
  await fixed.initialize();
  try {
    const read = () => fixed.transaction((manager) => manager.query(PRODUCT_READ, ['tee']));
    await measure(200, concurrency, read);
    return summarise(await measure(count, concurrency, read));
  } finally {
    await fixed.destroy();
  }
}

const FIXED_SCHEMA_ROLE = 'bench_single_schema_app';
/** Only loopback, only this run: the bench's private PostgreSQL asks every role but postgres for one. */
const FIXED_SCHEMA_PASSWORD = 'bench-single-schema';

async function createFixedSchemaRole(clusters: DatabaseClusters, schema: string): Promise<void> {
  await clusters.primary.query(`
    CREATE ROLE ${FIXED_SCHEMA_ROLE} LOGIN PASSWORD '${FIXED_SCHEMA_PASSWORD}';
    GRANT USAGE ON SCHEMA "${schema}" TO ${FIXED_SCHEMA_ROLE};
    GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO ${FIXED_SCHEMA_ROLE};
  `);
}

function withUser(url: string, user: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = FIXED_SCHEMA_PASSWORD;
  return parsed.toString();
}

/** Seconds for migrate-all; `revisitAll` makes every tenant count as behind (a no-op visit). */
async function migrateAllTimed(clusters: DatabaseClusters, migrations: readonly TenantMigration[], revisitAll: boolean): Promise<number> {
  if (revisitAll) await clusters.primary.query('UPDATE platform.tenants SET schema_version = 0');
  const summary = await new TenantMigrator(clusters, migrations).migrateAll({
    concurrency: 4,
    onProgress: (p) => progress('migrated', p.succeeded + p.failed, p.total),
  });
  if (summary.failed.length > 0) throw new Error(`${summary.failed.length} tenants failed to migrate`);
  return summary.durationMs / 1000;
}

function ratio(value: number, baseline: number): number {
  return Math.round((value / baseline) * 1000) / 1000;
}
