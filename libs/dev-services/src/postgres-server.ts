import { existsSync, readdirSync, writeFileSync, appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { installDebianPackages } from './debian-packages';
import { runCommand, isRoot } from './run-command';
import { freePortPreferring } from './free-port';

/** Durable for `npm start`; fast (no fsync) for throwaway test clusters. */
export type DurabilityMode = 'durable' | 'fast';

export interface PostgresServerOptions {
  readonly dataDir: string;
  readonly mode: DurabilityMode;
  readonly database: string;
  readonly log: (line: string) => void;
}

export interface RunningPostgres {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const SERVICE_USER = 'postgres';

/** Finds initdb/pg_ctl: PATH, then Debian's versioned directories (newest first), else installs. */
export async function findPostgresBinDir(log: (line: string) => void = () => undefined): Promise<string> {
  const found = locatePostgresBinDir();
  if (found) return found;
  await installDebianPackages(['postgresql', 'postgresql-contrib'], log);
  const installed = locatePostgresBinDir();
  if (!installed) throw new Error('PostgreSQL was installed but initdb was not found');
  return installed;
}

function locatePostgresBinDir(): string | undefined {
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = join(debianRoot, version, 'bin');
      if (existsSync(join(dir, 'initdb'))) return dir;
    }
  }
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return undefined;
}

/**
 * PostgreSQL refuses to run as root; as root we run it as the `postgres` system user (created
 * by Debian's package), which must own the data directory.
 */
async function asServiceUser(binary: string, args: readonly string[]): Promise<void> {
  if (isRoot()) {
    await runCommand('runuser', ['-u', SERVICE_USER, '--', binary, ...args], { timeoutMs: 120_000 });
  } else {
    await runCommand(binary, args, { timeoutMs: 120_000 });
  }
}

async function prepareDataDir(dataDir: string): Promise<void> {
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (isRoot()) {
    await runCommand('chown', ['-R', `${SERVICE_USER}:`, dataDir]);
    try {
      await runCommand('runuser', ['-u', SERVICE_USER, '--', 'test', '-w', dataDir]);
    } catch {
      throw new Error(
        `PostgreSQL runs as the "${SERVICE_USER}" user but cannot reach ${dataDir}; ` +
          'make the checkout directory traversable (chmod o+x on its parents) or set DATABASE_URL.',
      );
    }
  }
}

/**
 * Who may connect without a password: the `postgres` superuser on loopback (the platform's own
 * processes and test setup here). Every other login, such as a store's storefront login, must
 * give its password, so a test of what such a login can reach uses exactly what a Pod would hold.
 */
const CLIENT_AUTHENTICATION = `host all postgres 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
`;
const HBA_FILE = 'storefront_hba.conf';

function serverSettings(dataDir: string, port: number, mode: DurabilityMode): string {
  const lines = [
    `port = ${port}`,
    `hba_file = '${join(dataDir, HBA_FILE)}'`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = ''`,
    `max_connections = 400`,
    `shared_buffers = '256MB'`,
    `log_min_messages = warning`,
  ];
  if (mode === 'fast') {
    lines.push('fsync = off', 'synchronous_commit = off', 'full_page_writes = off');
  }
  return `${lines.join('\n')}\n`;
}

async function isRunning(binDir: string, dataDir: string): Promise<boolean> {
  try {
    await asServiceUser(join(binDir, 'pg_ctl'), ['status', '-D', dataDir]);
    return true;
  } catch {
    return false;
  }
}

function configuredPort(dataDir: string): number | undefined {
  const file = join(dataDir, 'storefront.conf');
  if (!existsSync(file)) return undefined;
  const match = /^port = (\d+)$/m.exec(readFileSync(file, 'utf8'));
  return match ? Number(match[1]) : undefined;
}

/**
 * Starts (or reuses) a private cluster in `dataDir` on a free loopback port (the one it had
 * before when that is still free, so a restart keeps its clients' URL), with trust
 * authentication for the `postgres` superuser on loopback only (passwords for every other
 * login), and makes sure `database` exists.
 */
export async function startPostgres(options: PostgresServerOptions): Promise<RunningPostgres> {
  const { dataDir, mode, database, log } = options;
  const binDir = await findPostgresBinDir(log);
  const pgCtl = join(binDir, 'pg_ctl');

  let port = configuredPort(dataDir);
  if (!(port !== undefined && (await isRunning(binDir, dataDir)))) {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      await prepareDataDir(dataDir);
      log(`initialising PostgreSQL cluster in ${dataDir}`);
      await asServiceUser(join(binDir, 'initdb'), [
        '-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-instructions',
      ]);
      appendFileSync(join(dataDir, 'postgresql.conf'), "\ninclude_if_exists = 'storefront.conf'\n");
    } else {
      await prepareDataDir(dataDir);
    }
    port = await freePortPreferring(port);
    writeFileSync(join(dataDir, 'storefront.conf'), serverSettings(dataDir, port, mode));
    writeFileSync(join(dataDir, HBA_FILE), CLIENT_AUTHENTICATION);
    if (isRoot()) await runCommand('chown', [`${SERVICE_USER}:`, join(dataDir, 'storefront.conf'), join(dataDir, HBA_FILE)]);
    await asServiceUser(pgCtl, ['start', '-D', dataDir, '-w', '-t', '60', '-l', join(dataDir, 'server.log')]);
    log(`PostgreSQL listening on 127.0.0.1:${port}`);
  }

  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    port,
    stop: () => asServiceUser(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w']),
  };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

