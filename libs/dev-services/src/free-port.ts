import { createServer } from 'node:net';

/**
 * Ports are chosen below Linux's ephemeral range (32768-60999 by default). A port the kernel
 * hands out for `listen(0)` comes from that range, and so does the source port of every outgoing
 * connection: a port found free there can be taken by a connection (to PostgreSQL, Redis, a shard)
 * before the service meant for it binds it, which made test runs fail with EADDRINUSE.
 * The start is random, so parallel test workers rarely look at the same ports.
 */
const LOWEST_PORT = 20_000;
const BELOW_EPHEMERAL = 32_768;

/** A free loopback port; never one of the standard service ports. */
export function findFreePort(): Promise<number> {
  return findFreePortRange(1);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * `preferred` when it is free, else any free port: a server restarted on its data folder comes back
 * where its clients (reconnecting, with the old URL) look for it.
 */
export async function freePortPreferring(preferred: number | undefined): Promise<number> {
  return preferred !== undefined && (await portIsFree(preferred)) ? preferred : findFreePort();
}

/**
 * The first of `count` consecutive free loopback ports, for sharded services whose shard i
 * listens on base + i.
 */
export async function findFreePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = LOWEST_PORT + Math.floor(Math.random() * (BELOW_EPHEMERAL - LOWEST_PORT - count));
    let free = true;
    for (let i = 0; i < count && free; i++) free = await portIsFree(base + i);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found below ${BELOW_EPHEMERAL}`);
}
