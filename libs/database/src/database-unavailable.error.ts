/** Why a request could not get to its database: both are transient, so the answer is 503. */
export type DatabaseUnavailableReason = 'pool_exhausted' | 'unreachable';

/**
 * The database could not be reached in time: every pooled connection stayed busy for the whole
 * connection timeout, or PostgreSQL refused or dropped the connection (restarting, failing over).
 * The HTTP error handling answers it with 503 and Retry-After, never with a stack trace.
 */
export class DatabaseUnavailableError extends Error {
  /** Seconds a client should wait before retrying; short, because both causes pass quickly. */
  readonly retryAfterSeconds = 1;

  constructor(
    readonly reason: DatabaseUnavailableReason,
    options: { cause: unknown },
  ) {
    super(reason === 'pool_exhausted' ? 'no database connection became free in time' : 'the database is unreachable', options);
    this.name = 'DatabaseUnavailableError';
  }

  /** The error itself, or one built from pg's own error when `error` is a connection failure. */
  static from(error: unknown): DatabaseUnavailableError | undefined {
    if (error instanceof DatabaseUnavailableError) return error;
    const reason = unavailableReasonOf(error);
    return reason ? new DatabaseUnavailableError(reason, { cause: error }) : undefined;
  }
}

/** pg-pool's message when the wait for a pooled connection ran out (it has no error code). */
const POOL_WAIT_TIMED_OUT = 'timeout exceeded when trying to connect';

/** pg's messages for a connection that broke or never came up (they carry no SQLSTATE either). */
const CONNECTION_LOST = [
  'Connection terminated due to connection timeout',
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
];

/** Socket errors of a server that is not there (yet). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/**
 * SQLSTATEs of a server shutting down or starting up (class 57P) and of broken connections
 * (class 08): the statement never ran or its connection is gone.
 */
function isConnectionSqlState(code: string): boolean {
  return code.startsWith('57P') || code.startsWith('08');
}

function unavailableReasonOf(error: unknown): DatabaseUnavailableReason | undefined {
  // TypeORM wraps driver errors of queries in QueryFailedError with the pg error as driverError.
  const candidate = (error as { driverError?: unknown } | null)?.driverError ?? error;
  if (!(candidate instanceof Error)) return undefined;
  if (candidate.message === POOL_WAIT_TIMED_OUT) return 'pool_exhausted';
  const code = (candidate as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || isConnectionSqlState(code))) return 'unreachable';
  if (CONNECTION_LOST.includes(candidate.message)) return 'unreachable';
  return undefined;
}
