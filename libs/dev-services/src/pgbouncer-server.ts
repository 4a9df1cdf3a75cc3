import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { installDebianPackages } from './debian-packages';
import { runCommand, isRoot } from './run-command';
import { findFreePort } from './free-port';

const PGBOUNCER = '/usr/sbin/pgbouncer';
/** Debian's package runs PgBouncer as this user; it refuses to run as root. */
const SERVICE_USER = 'postgres';

/**
 * The settings that make transaction pooling safe for this platform, shared by the test helper and
 * asserted against the chart's pgbouncer.ini (docs/adr/0056-pgbouncer-transaction-pooling.md).
 * - server_reset_query_always: in transaction mode PgBouncer skips server_reset_query unless this
 *   is on, so a session-level SET (search_path, ROLE) run by one client would stay on the server
 *   connection for the next client; DISCARD ALL after every transaction ends that.
 * - ignore_startup_parameters: PgBouncer before 1.20 refuses the `options` startup parameter that
 *   DatabaseClusters sends (`-c search_path=platform`); ignoring it leaves the database's default.
 */
export const PGBOUNCER_TRANSACTION_POOLING_SETTINGS = {
  pool_mode: 'transaction',
  server_reset_query: 'DISCARD ALL',
  server_reset_query_always: '1',
  ignore_startup_parameters: 'options',
} as const;

export interface PgBouncerOptions {
  /** The PostgreSQL server behind it; every database on it is reachable under its own name. */
  readonly upstream: string;
  readonly poolMode: 'transaction' | 'session';
  /** Server connections per database and user (`default_pool_size`). */
  readonly poolSize: number;
  /** Settings over PGBOUNCER_TRANSACTION_POOLING_SETTINGS (e.g. `server_reset_query_always: '0'`). */
  readonly settings?: Readonly<Record<string, string>>;
  /** Config, userlist and log go here; default: a fresh temporary directory removed on stop. */
  readonly dataDir?: string;
  readonly log?: (line: string) => void;
}

export interface RunningPgBouncer {
  /** A URL for `database` through PgBouncer (the upstream's user, with the userlist's password). */
  urlFor(database: string): string;
  /** The admin console (`SHOW POOLS`, `SHOW SERVERS`): simple query protocol only. */
  readonly adminUrl: string;
  readonly port: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** Debian's pgbouncer (installed with apt-get when missing). */
export async function ensurePgBouncer(log: (line: string) => void = (line) => process.stderr.write(`[dev-services] ${line}\n`)): Promise<string> {
  if (!existsSync(PGBOUNCER)) await installDebianPackages(['pgbouncer'], log);
  if (!existsSync(PGBOUNCER)) throw new Error(`pgbouncer was installed but ${PGBOUNCER} is missing`);
  return PGBOUNCER;
}

/** `pgbouncer --version`, e.g. "1.18.0". */
export async function pgBouncerVersion(): Promise<string> {
  const { stdout } = await runCommand(await ensurePgBouncer(), ['--version']);
  const match = /PgBouncer (\d+\.\d+\.\d+)/.exec(stdout);
  if (!match) throw new Error(`unexpected pgbouncer --version output: ${stdout.trim()}`);
  return match[1]!;
}

/**
 * Starts PgBouncer on a free loopback port in front of `upstream`. Clients authenticate with
 * SCRAM-SHA-256 against a userlist holding the upstream's user (and its password, which PgBouncer
 * also uses to log in upstream; a generated one when the upstream trusts loopback).
 */
export async function startPgBouncer(options: PgBouncerOptions): Promise<RunningPgBouncer> {
  const binary = await ensurePgBouncer(options.log);
  const upstream = new URL(options.upstream);
  const user = decodeURIComponent(upstream.username) || SERVICE_USER;
  const password = decodeURIComponent(upstream.password) || randomBytes(18).toString('base64url');
  const ownsDir = !options.dataDir;
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pgbouncer-'));
  mkdirSync(dir, { recursive: true });
  const port = await findFreePort();
  const settings: Record<string, string> = {
    listen_addr: '127.0.0.1',
    listen_port: String(port),
    unix_socket_dir: '',
    auth_type: 'scram-sha-256',
    auth_file: join(dir, 'userlist.txt'),
    admin_users: user,
    default_pool_size: String(options.poolSize),
    max_client_conn: '500',
    ...PGBOUNCER_TRANSACTION_POOLING_SETTINGS,
    pool_mode: options.poolMode,
    ...options.settings,
  };
  const upstreamHost = upstream.hostname === 'localhost' ? '127.0.0.1' : upstream.hostname;
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      // The wildcard: a client's database name is the upstream database it reaches.
      `* = host=${upstreamHost} port=${upstream.port || '5432'}`,
      '[pgbouncer]',
      ...Object.entries(settings).map(([name, value]) => `${name} = ${value}`),
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'userlist.txt'), `${quoted(user)} ${quoted(password)}\n`, { mode: 0o600 });
  if (isRoot()) await runCommand('chown', ['-R', `${SERVICE_USER}:`, dir]);

  const logFile = join(dir, 'pgbouncer.log');
  const child = spawn(binary, [...(isRoot() ? ['-u', SERVICE_USER] : []), join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const logStream = createWriteStream(logFile);
  child.stdout.pipe(logStream);
  child.stderr.pipe(logStream);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const address = (database: string, credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`) =>
    `postgres://${credentials}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const stop = async (): Promise<void> => {
    await stopChild(child, exited);
    logStream.end();
    if (ownsDir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(address(upstream.pathname.slice(1) || 'postgres'), child, logFile);
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
  options.log?.(`PgBouncer listening on 127.0.0.1:${port} (${options.poolMode} pooling, ${options.poolSize} server connection(s) per pool)`);
  return { urlFor: (database) => address(database), adminUrl: address('pgbouncer'), port, logFile, stop };
}

function quoted(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      lastError = error;
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const logged = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n') : '';
  throw new Error(`PgBouncer did not become ready (${lastError instanceof Error ? lastError.message : 'exited'}); its log:\n${logged}`);
}

/** SIGTERM is PgBouncer's immediate shutdown: it closes client and server connections at once. */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}
