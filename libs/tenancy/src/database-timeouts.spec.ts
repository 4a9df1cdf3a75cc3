import { DatabaseClusters, postgresErrorCode } from '@storefront/database';
import { startPgBouncer, type RunningPgBouncer } from '@storefront/dev-services';
import { createTestClusters, testDatabaseUrl, until } from '@storefront/testing';
import { provisionTestTenant, useTestTenancy } from '../testing';
import { TenantUnitOfWork } from './tenant-unit-of-work';

const QUERY_CANCELED = '57014';
const TIMEOUTS = { statementTimeoutMs: 200, idleInTransactionTimeoutMs: 300 } as const;

async function failureCodeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return postgresErrorCode(error);
  }
}

describe('database timeouts of the pools', () => {
  const env = useTestTenancy();

  describe('connected directly', () => {
    let clusters: DatabaseClusters;
    beforeAll(async () => void (clusters = await createTestClusters(TIMEOUTS)));
    afterAll(() => clusters?.destroy());

    it('cancels a statement outside a unit of work that runs past the statement timeout', async () => {
      expect(await failureCodeOf(clusters.primary.query('SELECT pg_sleep(2)'))).toBe(QUERY_CANCELED);
    });

    it('cancels a statement inside a tenant unit of work that runs past the statement timeout', async () => {
      const { ctx } = await provisionTestTenant(env.tenancy);
      expect(await failureCodeOf(new TenantUnitOfWork(clusters).run(ctx, (tx) => tx.query('SELECT pg_sleep(2)')))).toBe(QUERY_CANCELED);
    });

    it('ends the session of a transaction left idle past the idle-in-transaction timeout', async () => {
      const runner = clusters.primary.createQueryRunner();
      await runner.connect();
      const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
      await runner.startTransaction();
      await runner.query('SELECT 1');
      await until(async () => {
        const rows: unknown[] = await env.clusters.primary.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
        return rows.length === 0;
      }, 10_000, 'the idle transaction to be ended');
      await runner.release().catch(() => undefined);
    });
  });

  describe('behind PgBouncer in transaction pooling mode (startup parameters never reach PostgreSQL)', () => {
    let bouncer: RunningPgBouncer;
    let clusters: DatabaseClusters;
    beforeAll(async () => {
      const upstream = await testDatabaseUrl();
      // The chart's backstops for what no SET LOCAL covers (statement limit + 5 s there; 1 s here).
      bouncer = await startPgBouncer({ upstream, poolMode: 'transaction', poolSize: 2, settings: { query_timeout: '1', idle_transaction_timeout: '1' } });
      clusters = new DatabaseClusters({ urls: { main: bouncer.urlFor(new URL(upstream).pathname.slice(1)) }, poolSize: 2, ...TIMEOUTS });
      await clusters.initialize();
    });
    afterAll(async () => {
      await clusters?.destroy();
      await bouncer?.stop();
    });

    it('still cancels a statement of a tenant unit of work that runs past the statement timeout', async () => {
      const { ctx } = await provisionTestTenant(env.tenancy);
      const unitOfWork = new TenantUnitOfWork(clusters);
      expect(await unitOfWork.run(ctx, async (tx) => (await tx.query<{ t: string }[]>("SELECT current_setting('statement_timeout') AS t"))[0]!.t)).toBe('200ms');
      expect(await failureCodeOf(unitOfWork.run(ctx, (tx) => tx.query('SELECT pg_sleep(2)')))).toBe(QUERY_CANCELED);
    });

    it("ends a statement outside a unit of work that runs past PgBouncer's query_timeout", async () => {
      await expect(clusters.primary.query('SELECT pg_sleep(3)')).rejects.toThrow(/query timeout/);
    });
  });
});
