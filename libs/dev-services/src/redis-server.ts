import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ADMIN_REDIS_USER,
  ALL_STOREFRONTS_REDIS_USER,
  RedisAclUsers,
  SERVICE_REDIS_USERS,
  allStorefrontsAclRules,
  newRedisPassword,
  redisUrlAs,
  type PlatformApiRedisPrefixes,
  type RedisLogin,
} from '@storefront/redis-acl';
import Redis from 'ioredis';
import { installDebianPackages } from './debian-packages';
import { runCommand } from './run-command';
import { freePortPreferring } from './free-port';

export interface RedisServerOptions {
  readonly dataDir: string;
  readonly log: (line: string) => void;
  /** Where the platform API keeps its keys, which its user's patterns must cover (the tests' own). */
  readonly platformApiPrefixes?: PlatformApiRedisPrefixes;
}

export interface RunningRedis {
  /** As the admin user, which creates the others (docs/adr/0700). */
  readonly url: string;
  /** Each service's own login, as it runs in Kubernetes; the default user is off. */
  readonly urls: Readonly<Record<RedisLogin, string>>;
  readonly port: number;
  stop(): Promise<void>;
}

function locateRedisServer(): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/usr/local/bin']) {
    if (dir && existsSync(join(dir, 'redis-server'))) return join(dir, 'redis-server');
  }
  return undefined;
}

/** Finds redis-server on the PATH, installing Debian's package when missing. */
export async function findRedisServer(log: (line: string) => void): Promise<string> {
  const found = locateRedisServer();
  if (found) return found;
  await installDebianPackages(['redis-server', 'redis-tools'], log);
  const installed = locateRedisServer();
  if (!installed) throw new Error('redis-server was installed but not found on PATH');
  return installed;
}

async function ping(url: string): Promise<boolean> {
  const client = oneShotClient(url);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    closeOneShotClient(client);
  }
}

/** A client for one command that never reconnects; errors surface through its command. */
function oneShotClient(url: string): Redis {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // A refused or dropped connection rejects the command; without a listener ioredis would also
  // print it as an unhandled error event (the EPIPE seen when a benchmark stopped Redis).
  client.on('error', () => undefined);
  return client;
}

/**
 * disconnect() on a connection that is already closed arms a 2 s timer waiting for a close that
 * never comes, which kept the test runner alive past Jest's exit check.
 */
function closeOneShotClient(client: Redis): void {
  if (client.status !== 'end') client.disconnect();
}

function recordedPort(dataDir: string): number | undefined {
  const file = join(dataDir, 'port');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
}

/** The logins' passwords, generated once per data folder and kept there (readable by its owner only). */
function passwordsOf(dataDir: string): Record<RedisLogin, string> {
  const file = join(dataDir, 'users.json');
  const known = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<RedisLogin, string>>) : {};
  const logins: RedisLogin[] = [ADMIN_REDIS_USER, ALL_STOREFRONTS_REDIS_USER, ...SERVICE_REDIS_USERS];
  const passwords = Object.fromEntries(logins.map((login) => [login, known[login] ?? newRedisPassword()])) as Record<RedisLogin, string>;
  writeFileSync(file, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  return passwords;
}

/**
 * What Redis starts with: the default user off, and the admin that sets up every other user.
 * The default user is off (no connection can be it) but keeps every right: Redis 7.0 replays the
 * append-only file's transactions (a script's effects, e.g. every BullMQ job added) as the default
 * user at start, and with `-@all` it refused each one, so queued jobs were lost on a restart.
 */
function writeAclFile(dataDir: string, adminPassword: string): string {
  const file = join(dataDir, 'users.acl');
  const hash = createHash('sha256').update(adminPassword).digest('hex');
  writeFileSync(file, `user default off ~* &* +@all\nuser ${ADMIN_REDIS_USER} on #${hash} ~* &* +@all\n`, { mode: 0o600 });
  return file;
}

/** A Redis of this folder from before ACLs (its default user answers): stopped, so one server owns the folder. */
async function stopServerWithoutAcl(port: number, log: (line: string) => void): Promise<void> {
  const url = `redis://127.0.0.1:${port}`;
  if (!(await ping(url))) return;
  log(`stopping the Redis on port ${port}, started without ACL users`);
  await shutdown(url);
  await waitFor(async () => !(await ping(url)), `the Redis on port ${port} to stop`);
}

async function shutdown(url: string): Promise<void> {
  const client = oneShotClient(url);
  try {
    await client.connect();
    // SHUTDOWN closes the connection instead of answering; that is the success case.
    await client.call('SHUTDOWN').catch(() => undefined);
  } finally {
    closeOneShotClient(client);
  }
}

/**
 * Starts (or reuses) a private Redis with its data in `dataDir`, append-only file on, bound to
 * loopback on a free port (the one it had before when still free), so queued jobs survive a
 * restart and clients reconnect to the same URL. ACLs are on as in production: the
 * default user is off, and every service gets its own user (created at each start).
 */
export async function startRedis(options: RedisServerOptions): Promise<RunningRedis> {
  const { dataDir, log } = options;
  const binary = await findRedisServer(log);
  mkdirSync(dataDir, { recursive: true });
  const passwords = passwordsOf(dataDir);
  const adminUrl = (port: number): string => redisUrlAs(`redis://127.0.0.1:${port}`, ADMIN_REDIS_USER, passwords[ADMIN_REDIS_USER]);

  let port = recordedPort(dataDir);
  if (port !== undefined) await stopServerWithoutAcl(port, log);
  if (port === undefined || !(await ping(adminUrl(port)))) {
    port = await freePortPreferring(port);
    const aclFile = writeAclFile(dataDir, passwords[ADMIN_REDIS_USER]);
    await runCommand(binary, [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--dir', dataDir,
      '--aclfile', aclFile,
      '--appendonly', 'yes',
      '--daemonize', 'yes',
      '--pidfile', join(dataDir, 'redis.pid'),
      '--logfile', join(dataDir, 'redis.log'),
    ]);
    writeFileSync(join(dataDir, 'port'), `${port}\n`);
    await waitFor(() => ping(adminUrl(port!)), `Redis on port ${port} (see ${join(dataDir, 'redis.log')})`);
    log(`Redis listening on 127.0.0.1:${port} (append-only file on, ACL users, default user off)`);
  }
  const url = adminUrl(port);
  await ensureLocalUsers(url, passwords, options.platformApiPrefixes);
  const urls = Object.fromEntries(Object.entries(passwords).map(([login, password]) => [login, redisUrlAs(url, login, password)])) as Record<RedisLogin, string>;
  return { url, urls, port, stop: () => shutdown(url) };
}

async function ensureLocalUsers(adminUrl: string, passwords: Record<RedisLogin, string>, platformApiPrefixes?: PlatformApiRedisPrefixes): Promise<void> {
  const admin = oneShotClient(adminUrl);
  try {
    await admin.connect();
    const users = new RedisAclUsers(admin);
    for (const service of SERVICE_REDIS_USERS) await users.ensureServiceUser(service, passwords[service], platformApiPrefixes);
    await users.setUser(ALL_STOREFRONTS_REDIS_USER, passwords[ALL_STOREFRONTS_REDIS_USER], allStorefrontsAclRules());
  } finally {
    closeOneShotClient(admin);
  }
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
