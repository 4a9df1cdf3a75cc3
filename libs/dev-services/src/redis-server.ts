import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { installDebianPackages } from './debian-packages';
import { runCommand } from './run-command';
import { findFreePort } from './free-port';

export interface RedisServerOptions {
  readonly dataDir: string;
  readonly log: (line: string) => void;
}

export interface RunningRedis {
  readonly url: string;
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

async function ping(port: number): Promise<boolean> {
  const client = oneShotClient(`redis://127.0.0.1:${port}`);
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

/**
 * Starts (or reuses) a private Redis with its data in `dataDir`, append-only file on, bound to
 * loopback on a free port, so queued jobs survive a restart.
 */
export async function startRedis(options: RedisServerOptions): Promise<RunningRedis> {
  const { dataDir, log } = options;
  const binary = await findRedisServer(log);
  mkdirSync(dataDir, { recursive: true });

  let port = recordedPort(dataDir);
  if (port === undefined || !(await ping(port))) {
    port = await findFreePort();
    await runCommand(binary, [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--dir', dataDir,
      '--appendonly', 'yes',
      '--daemonize', 'yes',
      '--pidfile', join(dataDir, 'redis.pid'),
      '--logfile', join(dataDir, 'redis.log'),
    ]);
    writeFileSync(join(dataDir, 'port'), `${port}\n`);
    await waitFor(() => ping(port!), `Redis on port ${port} (see ${join(dataDir, 'redis.log')})`);
    log(`Redis listening on 127.0.0.1:${port} (append-only file on)`);
  }
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    port,
    stop: async () => {
      const client = oneShotClient(url);
      try {
        await client.connect();
        // SHUTDOWN closes the connection instead of answering; that is the success case.
        await client.call('SHUTDOWN').catch(() => undefined);
      } finally {
        closeOneShotClient(client);
      }
    },
  };
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
