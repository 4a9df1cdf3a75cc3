import type { TenantContext } from '@storefront/contracts';
import { DatabaseClusters } from '@storefront/database';
import { PGBOUNCER_TRANSACTION_POOLING_SETTINGS, pgBouncerVersion, startPgBouncer, type RunningPgBouncer } from '@storefront/dev-services';
import { testDatabaseUrl } from '@storefront/testing';
import { Client } from 'pg';
import { provisionTestTenant, useTestTenancy } from '../testing';
import { TenantUnitOfWork } from './tenant-unit-of-work';

/**
 * The unit of work behind PgBouncer in transaction pooling mode with ONE server connection, so
 * every transaction of every client runs on the same PostgreSQL backend, one after the other:
 * whatever one transaction leaves on that backend, the next client's transaction meets.
 */
describe('tenant isolation behind PgBouncer (transaction pooling, one server connection)', () => {
  // Provisioning and seeding go directly to PostgreSQL, as the chart's migrations and operator do.
  const direct = useTestTenancy();
  let database: string;
  let bouncer: RunningPgBouncer;
  let pooled: DatabaseClusters;
  let unitOfWork: TenantUnitOfWork;

  beforeAll(async () => {
    const upstream = await testDatabaseUrl();
    database = new URL(upstream).pathname.slice(1);
    bouncer = await startPgBouncer({ upstream, poolMode: 'transaction', poolSize: 1 });
    ({ clusters: pooled, unitOfWork } = await unitOfWorkThrough(bouncer, database));
  });
  afterAll(async () => {
    await pooled?.destroy();
    await bouncer?.stop();
  });

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
    let next = 0;
    const worker = async () => {
      while (next < 10_000) {
        const who = next++ % 2 === 0 ? 'a' : 'b';
        tally(who, await titlesSeenBy(unitOfWork, who === 'a' ? a.ctx : b.ctx));
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));

    expect(seen).toEqual({ a: { own: 5_000, foreign: 0, wrong: 0 }, b: { own: 5_000, foreign: 0, wrong: 0 } });
    const pool = await poolOf(bouncer, database);
    expect(pool.serverConnections).toBe(1);
    expect(pool.clientConnections).toBeGreaterThan(1);
  }, 180_000);

  it('drops a session-level SET search_path and SET ROLE one client ran before the next client gets the server connection', async () => {
    const a = await tenantWithProducts('a', 2);
    const b = await tenantWithProducts('b', 2);
    const leaked = await leakSessionState(bouncer, database, a.ctx);
    expect(leaked).toEqual({ role: a.ctx.role, path: a.ctx.schema });

    expect(await titlesSeenBy(unitOfWork, b.ctx)).toEqual(b.titles);
    // Outside a unit of work the next client is the login role again, and A's tables do not resolve.
    const [state] = await pooled.primary.query<{ role: string; path: string }[]>("SELECT current_user AS role, current_setting('search_path') AS path");
    expect(state).toEqual({ role: 'postgres', path: expect.not.stringContaining(a.ctx.schema) });
    await expect(pooled.primary.query('SELECT title FROM products')).rejects.toThrow(/relation "products" does not exist/);
  });

  it("drops a temporary table one tenant's transaction left behind, which would otherwise shadow the next tenant's table despite SET LOCAL search_path", async () => {
    const a = await tenantWithProducts('a', 2);
    const b = await tenantWithProducts('b', 2);
    await plantShadowTable(unitOfWork, a.ctx);

    expect(await titlesSeenBy(unitOfWork, b.ctx)).toEqual(b.titles);
  });

  describe('without server_reset_query_always (PgBouncer\'s default in transaction mode)', () => {
    let unsafe: RunningPgBouncer;
    let unsafePooled: DatabaseClusters;
    let unsafeUnitOfWork: TenantUnitOfWork;
    beforeAll(async () => {
      unsafe = await startPgBouncer({ upstream: await testDatabaseUrl(), poolMode: 'transaction', poolSize: 1, settings: { server_reset_query_always: '0' } });
      ({ clusters: unsafePooled, unitOfWork: unsafeUnitOfWork } = await unitOfWorkThrough(unsafe, database));
    });
    afterAll(async () => {
      await unsafePooled?.destroy();
      await unsafe?.stop();
    });

    it("leaks a session-level SET to the next client, whose unit of work still sees only its tenant (SET LOCAL) but whose other queries run as the other tenant", async () => {
      const a = await tenantWithProducts('a', 2);
      const b = await tenantWithProducts('b', 2);
      await leakSessionState(unsafe, database, a.ctx);

      expect(await titlesSeenBy(unsafeUnitOfWork, b.ctx)).toEqual(b.titles);
      const [state] = await unsafePooled.primary.query<{ role: string }[]>('SELECT current_user AS role');
      expect(state).toEqual({ role: a.ctx.role });
      expect((await unsafePooled.primary.query<{ title: string }[]>('SELECT title FROM products ORDER BY title')).map((row) => row.title)).toEqual(a.titles);
    });

    it("lets one tenant's temporary table shadow the next tenant's table: the next tenant reads the other's rows", async () => {
      const a = await tenantWithProducts('a', 2);
      const b = await tenantWithProducts('b', 2);
      await plantShadowTable(unsafeUnitOfWork, a.ctx);

      expect(await titlesSeenBy(unsafeUnitOfWork, b.ctx)).toEqual(a.titles);
    });
  });

  it('runs on a PgBouncer whose settings the chart uses, and the code sends no named prepared statements', async () => {
    // Debian 12 ships 1.18, before protocol-level prepared statements (1.21, max_prepared_statements):
    // named statements would break behind transaction pooling. TypeORM and pg send only unnamed
    // ones unless a query names itself, and no code does (`name:` in a query config).
    expect(await pgBouncerVersion()).toMatch(/^1\.\d+\.\d+$/);
    expect(PGBOUNCER_TRANSACTION_POOLING_SETTINGS).toMatchObject({ pool_mode: 'transaction', server_reset_query: 'DISCARD ALL', server_reset_query_always: '1' });
  });
});

async function unitOfWorkThrough(bouncer: RunningPgBouncer, database: string): Promise<{ clusters: DatabaseClusters; unitOfWork: TenantUnitOfWork }> {
  const clusters = new DatabaseClusters({ urls: { main: bouncer.urlFor(database) }, poolSize: 8 });
  await clusters.initialize();
  return { clusters, unitOfWork: new TenantUnitOfWork(clusters) };
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
