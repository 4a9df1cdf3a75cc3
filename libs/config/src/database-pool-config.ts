import { positiveInt } from './config-fields';

/**
 * How long a PostgreSQL pool may wait and what a statement may cost, for every process that opens
 * one. Defaults: a request waits at most 5 s for a connection (then 503, so a client retries rather
 * than a queue of requests waiting on a stuck pool), a statement runs at most 30 s (request-path
 * statements take milliseconds; one-off commands such as migrations set none), and a transaction
 * left idle for 60 s is ended by PostgreSQL so it stops holding locks (no transaction waits on
 * anything slow: payments run outside any transaction).
 */
export const databasePoolConfigShape = {
  PLATFORM_DB_POOL_SIZE: positiveInt.default(10),
  PLATFORM_DB_CONNECTION_TIMEOUT_MS: positiveInt.default(5_000),
  PLATFORM_DB_STATEMENT_TIMEOUT_MS: positiveInt.default(30_000),
  PLATFORM_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: positiveInt.default(60_000),
};

export interface DatabasePoolConfig {
  readonly PLATFORM_DB_POOL_SIZE: number;
  readonly PLATFORM_DB_CONNECTION_TIMEOUT_MS: number;
  readonly PLATFORM_DB_STATEMENT_TIMEOUT_MS: number;
  readonly PLATFORM_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
}

/** The pool options of DatabaseClusters, from the configuration. */
export function databasePoolOptionsOf(config: DatabasePoolConfig): {
  poolSize: number;
  connectionTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
} {
  return {
    poolSize: config.PLATFORM_DB_POOL_SIZE,
    connectionTimeoutMs: config.PLATFORM_DB_CONNECTION_TIMEOUT_MS,
    statementTimeoutMs: config.PLATFORM_DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.PLATFORM_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}
