import type { TenantContext } from '@storefront/contracts';
import { DatabaseClusters } from '@storefront/database';
import { pgBouncerVersion, startPgBouncer, type RunningPgBouncer } from '@storefront/dev-services';
import { TEST_OWNER_LOGIN, testDatabaseUrl } from '@storefront/testing';
import { Client } from 'pg';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { provisionTestTenant, useTestTenancy } from '../testing';
import { TenantUnitOfWork } from './tenant-unit-of-work';

/**
 * The unit of work behind PgBouncer in transaction pooling mode with ONE server connection, so
 * every transaction of every client runs on the same PostgreSQL backend, one after the other:
 * whatever one transaction leaves on that backend, the next client's transaction meets.
 */
@Entity({ name: 'products' })
class ProductRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;
  @Column('text')
  title!: string;
}

describe('tenant isolation behind PgBouncer (transaction pooling, one server connection)', () => {
  // Provisioning and seeding go directly to PostgreSQL, as the chart's migrations and operator do.
  const direct = useTestTenancy();
  const safe = useUnitOfWorkThroughPgBouncer();

  async function tenantWithProducts(prefix: string, count: number): Promise<{ ctx: TenantContext; titles: string[] }> {
    const { ctx } = await provisionTestTenant(direct.tenancy);
    const titles = Array.from({ length: count }, (_, index) => `${prefix}-${ctx.schema}-${index}`);
    await direct.tenancy.unitOfWork.run(ctx, (tx) =>
      tx.query(`INSERT INTO products (slug, title, price_amount, currency) SELECT t, t, 100, 'EUR' FROM unnest($1::text[]) AS t`, [titles]),
    );
    return { ctx, titles: titles.sort() };
  }

  const titlesSeenBy = (uow: TenantUnitOfWork, ctx: TenantContext) =>
    uow.run(ctx, async (tx) => (await tx.query<{ title: string }[]>('SELECT title FROM products ORDER BY title')).map((row) => row.title));

  it('interleaves 10,000 transactions of two tenants over several clients and one server connection without a row crossing over', async () => {
    const a = await tenantWithProducts('a', 3);
    const b = await tenantWithProducts('b', 4);
    const seen = { a: { own: 0, foreign: 0, wrong: 0 }, b: { own: 0, foreign: 0, wrong: 0 } };
    const tally = (who: 'a' | 'b', titles: string[]) => {
      const mine = who === 'a' ? a.titles : b.titles;
      const theirs = new Set(who === 'a' ? b.titles : a.titles);
      if (titles.some((title) => theirs.has(title))) seen[who].foreign++;
      else if (JSON.stringify(titles) === JSON.stringify(mine)) seen[who].own++;
      else seen[who].wrong++;
    };
    // 8 pooled clients share the one server connection; 64 transactions are in flight at any time.
    const backends = new Set<number>();
    let next = 0;
    const worker = async () => {
      while (next < 10_000) {
        const who = next++ % 2 === 0 ? 'a' : 'b';
        const rows = await safe.unitOfWork.run(who === 'a' ? a.ctx : b.ctx, (tx) =>
          tx.query<{ title: string; backend: number }[]>('SELECT title, pg_backend_pid() AS backend FROM products ORDER BY title'),
        );
        rows.forEach((row) => backends.add(row.backend));
        tally(who, rows.map((row) => row.title));
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));

    expect(seen).toEqual({ a: { own: 5_000, foreign: 0, wrong: 0 }, b: { own: 5_000, foreign: 0, wrong: 0 } });
    expect(backends.size).toBe(1);
    const pool = await poolOf(safe.bouncer, safe.database);
    expect(pool.serverConnections).toBe(1);
    expect(pool.clientConnections).toBeGreaterThan(1);
  }, 180_000);

  it('drops a session-level SET search_path and SET ROLE one client ran before the next client gets the server connection', async () => {
    const a = await tenantWithProducts('a', 2);
    const b = await tenantWithProducts('b', 2);
    const leaked = await leakSessionState(safe.bouncer, safe.database, a.ctx);
    expect(leaked).toEqual({ role: a.ctx.role, path: a.ctx.schema });

    expect(await titlesSeenBy(safe.unitOfWork, b.ctx)).toEqual(b.titles);
    // Outside a unit of work the next client is the login role again, and A's tables do not resolve.
    const [state] = await safe.clusters.primary.query<{ role: string; path: string }[]>("SELECT current_user AS role, current_setting('search_path') AS path");
    expect(state).toEqual({ role: TEST_OWNER_LOGIN.user, path: expect.not.stringContaining(a.ctx.schema) });
    await expect(safe.clusters.primary.query('SELECT title FROM products')).rejects.toThrow(/relation "products" does not exist/);
  });

  /**
   * TEMPORARY is revoked from PUBLIC (platform migration 1765065600000), so a tenant role cannot
   * create one at all; the tests below grant it back to tenant A to show the second layer.
   */
  const grantTemporaryBack = async (ctx: TenantContext): Promise<void> => {
    const [{ name }] = await direct.clusters.primary.query<{ name: string }[]>('SELECT current_database() AS name');
    await direct.clusters.primary.query(`GRANT TEMPORARY ON DATABASE "${name}" TO "${ctx.role}"`);
  };

  it('refuses a tenant role a temporary table in the first place', async () => {
    const a = await tenantWithProducts('a', 1);
    await expect(plantShadowTable(safe.unitOfWork, a.ctx)).rejects.toThrow('permission denied to create temporary tables');
  });

  it("drops a temporary table one tenant's transaction left behind, which would otherwise shadow the next tenant's table despite SET LOCAL search_path", async () => {
    const a = await tenantWithProducts('a', 2);
    const b = await tenantWithProducts('b', 2);
    await grantTemporaryBack(a.ctx);
    await plantShadowTable(safe.unitOfWork, a.ctx);

    expect(await titlesSeenBy(safe.unitOfWork, b.ctx)).toEqual(b.titles);
  });

  describe('without server_reset_query_always (PgBouncer\'s default in transaction mode)', () => {
    const unsafe = useUnitOfWorkThroughPgBouncer({ server_reset_query_always: '0' });

    it("leaks a session-level SET to the next client, whose unit of work still sees only its tenant (SET LOCAL) but whose other queries run as the other tenant", async () => {
      const a = await tenantWithProducts('a', 2);
      const b = await tenantWithProducts('b', 2);
      await leakSessionState(unsafe.bouncer, unsafe.database, a.ctx);

      expect(await titlesSeenBy(unsafe.unitOfWork, b.ctx)).toEqual(b.titles);
      const [state] = await unsafe.clusters.primary.query<{ role: string }[]>('SELECT current_user AS role');
      expect(state).toEqual({ role: a.ctx.role });
      expect((await unsafe.clusters.primary.query<{ title: string }[]>('SELECT title FROM products ORDER BY title')).map((row) => row.title)).toEqual(a.titles);
    });

    it("lets one tenant's temporary table shadow the next tenant's table: the next tenant reads the other's rows", async () => {
      const a = await tenantWithProducts('a', 2);
      const b = await tenantWithProducts('b', 2);
      await grantTemporaryBack(a.ctx);
      await plantShadowTable(unsafe.unitOfWork, a.ctx);

      expect(await titlesSeenBy(unsafe.unitOfWork, b.ctx)).toEqual(a.titles);
    });
  });

  it('sends only unnamed statements through TypeORM and pg, which PgBouncer 1.18 (no protocol-level prepared statements) passes on safely', async () => {
    // Debian 12 ships 1.18; named statements need 1.21+ with max_prepared_statements behind transaction pooling.
    expect(await pgBouncerVersion()).toMatch(/^1\.\d+\.\d+$/);
    const a = await tenantWithProducts('a', 2);
    const prepared = await safe.unitOfWork.run(a.ctx, async (tx) => {
      await tx.getRepository(ProductRow).find({ where: { title: a.titles[0] } });
      await tx.query('SELECT title FROM products WHERE title = $1', [a.titles[1]]);
      return tx.query<{ name: string }[]>('SELECT name FROM pg_prepared_statements');
    });
    expect(prepared).toEqual([]);
  });
});

interface UnitOfWorkThroughPgBouncer {
  readonly bouncer: RunningPgBouncer;
  /** This worker's database: the same one the direct fixture provisions tenants in. */
  readonly database: string;
  readonly clusters: DatabaseClusters;
  readonly unitOfWork: TenantUnitOfWork;
}

/**
 * Registers beforeAll/afterAll that start PgBouncer (transaction pooling, one server connection,
 * the chart's settings with `settings` over them) in front of this worker's database, and a unit
 * of work whose pool of 8 clients connects through it.
 */
function useUnitOfWorkThroughPgBouncer(settings: Record<string, string> = {}): UnitOfWorkThroughPgBouncer {
  const handle = {} as { -readonly [K in keyof UnitOfWorkThroughPgBouncer]: UnitOfWorkThroughPgBouncer[K] };
  beforeAll(async () => {
    const upstream = await testDatabaseUrl();
    handle.database = new URL(upstream).pathname.slice(1);
    handle.bouncer = await startPgBouncer({ upstream, poolMode: 'transaction', poolSize: 1, settings });
    handle.clusters = new DatabaseClusters({ urls: { main: handle.bouncer.urlFor(handle.database) }, tenantEntities: [ProductRow], poolSize: 8 });
    await handle.clusters.initialize();
    handle.unitOfWork = new TenantUnitOfWork(handle.clusters);
  });
  afterAll(async () => {
    await handle.clusters?.destroy();
    await handle.bouncer?.stop();
  });
  return handle;
}

/**
 * A code path that runs session-level SETs (no LOCAL, no transaction) on its own client, then
 * disconnects: PgBouncer hands the server connection on to whoever comes next.
 */
async function leakSessionState(bouncer: RunningPgBouncer, database: string, ctx: TenantContext): Promise<{ role: string; path: string }> {
  const client = new Client({ connectionString: bouncer.urlFor(database) });
  await client.connect();
  try {
    // One round trip, one transaction: PgBouncer may hand the server on after each transaction.
    const results = (await client.query(
      `SET search_path TO "${ctx.schema}"; SET ROLE "${ctx.role}"; SELECT current_user AS role, current_setting('search_path') AS path`,
    )) as unknown as Array<{ rows: Array<{ role: string; path: string }> }>;
    return results[2]!.rows[0]!;
  } finally {
    await client.end();
  }
}

/** Inside tenant A's own unit of work: a temporary table named like a tenant table, readable by everyone. */
async function plantShadowTable(unitOfWork: TenantUnitOfWork, ctx: TenantContext): Promise<void> {
  await unitOfWork.run(ctx, async (tx) => {
    await tx.query('CREATE TEMPORARY TABLE products AS SELECT title FROM products');
    await tx.query('GRANT SELECT ON products TO PUBLIC');
  });
}

async function poolOf(bouncer: RunningPgBouncer, database: string): Promise<{ serverConnections: number; clientConnections: number }> {
  const admin = new Client({ connectionString: bouncer.adminUrl });
  await admin.connect();
  try {
    const servers = await admin.query<{ database: string }>('SHOW SERVERS');
    const clients = await admin.query<{ database: string }>('SHOW CLIENTS');
    return {
      serverConnections: servers.rows.filter((row) => row.database === database).length,
      clientConnections: clients.rows.filter((row) => row.database === database).length,
    };
  } finally {
    await admin.end();
  }
}
