import type { TenantContext } from '@storefront/contracts';
import { assertTenantIdentifier, DatabaseUnavailableError, type DatabaseClusters } from '@storefront/database';
import { escapeLiteral } from 'pg';
import type { EntityManager, EntityTarget, ObjectLiteral, QueryRunner, Repository } from 'typeorm';
import { runWithTenantContext } from './tenant-context';

/**
 * The only door to tenant data: a transaction whose search_path and ROLE are the tenant's.
 * Both are SET LOCAL, so they end with the transaction and stay correct behind PgBouncer in
 * transaction pooling mode; the role makes PostgreSQL itself refuse other tenants' schemas.
 */
export class TenantUnitOfWork {
  constructor(private readonly clusters: DatabaseClusters) {}

  /**
   * Runs `work` in one tenant transaction. `settings` are further run-time parameters for this
   * transaction only (e.g. `pg_trgm.similarity_threshold`), set in the same opening round trip.
   */
  run<T>(ctx: TenantContext, work: (tx: TenantTransaction) => Promise<T>, settings: TransactionSettings = {}): Promise<T> {
    const schema = assertTenantIdentifier(ctx.schema);
    const role = assertTenantIdentifier(ctx.role);
    // The pool's timeouts first, so a unit of work's own statement_timeout (later) wins.
    const locals = [
      ...Object.entries(this.clusters.transactionTimeoutSettings),
      ...Object.entries(settings).map(([name, value]) => [assertSettingName(name), value] as const),
    ].map(([name, value]) => `; SET LOCAL ${name} = ${escapeLiteral(value)}`);
    const dataSource = this.clusters.get(ctx.clusterId);
    return runWithTenantContext(ctx, async () => {
      const runner = dataSource.createQueryRunner();
      await runner.connect().catch((error: unknown) => {
        throw DatabaseUnavailableError.from(error) ?? error;
      });
      try {
        beginTransactionState(runner);
        // BEGIN and both settings in one round trip: the switch then costs no extra latency over
        // a plain transaction. Identifiers were checked above (they cannot be bound).
        await runner.query(`START TRANSACTION; SET LOCAL search_path TO "${schema}"; SET LOCAL ROLE "${role}"${locals.join('')}`);
        const tx = new TenantTransaction(ctx, runner.manager);
        const result = await work(tx);
        await runner.commitTransaction();
        await tx.runAfterCommit();
        return result;
      } catch (error) {
        // TypeORM releases a runner itself when its connection breaks (the server restarting):
        // whatever the work then tried failed because the database went away, not from a bug.
        if (runner.isReleased) throw DatabaseUnavailableError.from(error) ?? new DatabaseUnavailableError('unreachable', { cause: error });
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      } finally {
        await runner.release();
      }
    });
  }
}

/** Transaction-local run-time parameters by name, e.g. `{ 'pg_trgm.similarity_threshold': '0.2' }`. */
export type TransactionSettings = Readonly<Record<string, string>>;

/**
 * Settings a unit of work may add. An allowlist, not a pattern: `role`, `search_path` or
 * `session_authorization` set after the tenant switch would undo it. The name goes into SQL text
 * (SET cannot bind it), so only these exact names pass.
 */
const ALLOWED_SETTINGS: ReadonlySet<string> = new Set(['pg_trgm.similarity_threshold', 'pg_trgm.word_similarity_threshold', 'statement_timeout', 'lock_timeout', 'work_mem']);

function assertSettingName(name: string): string {
  if (!ALLOWED_SETTINGS.has(name)) throw new Error(`not a run-time parameter a unit of work may set: ${JSON.stringify(name)}`);
  return name;
}

/**
 * Tells TypeORM's query runner that a transaction is open (we began it ourselves, in the same
 * round trip as the tenant settings). Without this, a repository save() inside the unit of work
 * would open and COMMIT a transaction of its own, ending the tenant settings early; the unit of
 * work tests prove that it does not.
 */
function beginTransactionState(runner: QueryRunner): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  if (state.isTransactionActive || state.transactionDepth !== 0) throw new Error('query runner already in a transaction');
  state.isTransactionActive = true;
  state.transactionDepth = 1;
}

/** A tenant-scoped transaction. Repositories come only from here. */
export class TenantTransaction {
  private readonly afterCommitCallbacks: Array<() => Promise<void> | void> = [];

  constructor(
    readonly ctx: TenantContext,
    private readonly manager: EntityManager,
  ) {}

  /**
   * Runs `callback` once the transaction has committed (never if it rolls back): for effects
   * others must not see before the data, such as cache invalidation. A failing callback is
   * reported to the caller, but the committed data stays.
   */
  afterCommit(callback: () => Promise<void> | void): void {
    this.afterCommitCallbacks.push(callback);
  }

  /** @internal called by TenantUnitOfWork after COMMIT. */
  async runAfterCommit(): Promise<void> {
    for (const callback of this.afterCommitCallbacks) await callback();
  }

  getRepository<E extends ObjectLiteral>(entity: EntityTarget<E>): Repository<E> {
    const repository = this.manager.getRepository(entity);
    if (repository.metadata.schema) {
      // A schema-qualified entity (platform.*) is not tenant data; the role could not read it anyway.
      throw new Error(`${repository.metadata.name} is not a tenant entity`);
    }
    return repository;
  }

  query<R = unknown>(sql: string, parameters?: unknown[]): Promise<R> {
    return this.manager.query(sql, parameters);
  }
}
