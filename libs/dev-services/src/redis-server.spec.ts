import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { startRedis } from './redis-server';

/** A key in the notifications login's namespace. */
const JOBS = '{notifications:0}:restart-spec';

describe('private Redis server', () => {
  it('stops without leaving a timer armed, so the process that stopped it can exit at once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redis-server-spec-'));
    const redis = await startRedis({ dataDir, log: () => undefined });
    const armed = new Set<unknown>();
    const setTimer = jest.spyOn(global, 'setTimeout');
    const clearTimer = jest.spyOn(global, 'clearTimeout');
    try {
      await redis.stop();
      setTimer.mock.results.forEach((result) => armed.add(result.value));
      clearTimer.mock.calls.forEach(([timer]) => armed.delete(timer));
      // ioredis arms a 2 s timer when a closed connection is disconnected again; it kept Jest alive.
      expect([...armed].map((timer) => (timer as { _idleTimeout?: number })._idleTimeout)).toEqual([]);
    } finally {
      setTimer.mockRestore();
      clearTimer.mockRestore();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('comes back on its port with its data after a stop, so clients reconnect to the same URL and find their jobs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redis-server-spec-'));
    const first = await startRedis({ dataDir, log: () => undefined });
    // A service's own login, as BullMQ runs its scripts (written to the append-only file as transactions).
    const client = new Redis(first.urls.notifications, { maxRetriesPerRequest: 1 });
    try {
      const jobs = Array.from({ length: 1_000 }, (_, i) => `job-${i}`);
      await client.eval("redis.call('rpush', KEYS[1], unpack(ARGV)); return redis.call('incr', KEYS[2])", 2, JOBS, `${JOBS}:count`, ...jobs);
      await first.stop();
      const second = await startRedis({ dataDir, log: () => undefined });
      expect(second.port).toBe(first.port);
      expect(await client.llen(JOBS)).toBe(1_000);
      await second.stop();
    } finally {
      client.disconnect();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('runs with ACLs on: the default user is off, each service logs in as its own user, only the admin administers', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redis-server-spec-'));
    const redis = await startRedis({ dataDir, log: () => undefined });
    const clients: Redis[] = [];
    const connect = (url: string): Redis => {
      const client = new Redis(url, { lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      clients.push(client);
      return client;
    };
    try {
      const anonymous = connect(`redis://127.0.0.1:${redis.port}`);
      await anonymous.connect().catch(() => undefined);
      await expect(anonymous.get('anything')).rejects.toThrow(/NOAUTH/);
      await expect(anonymous.call('AUTH', 'default', 'anything')).rejects.toThrow(/WRONGPASS/);

      const checkout = connect(redis.urls.checkout);
      expect(await checkout.call('ACL', 'WHOAMI')).toBe('checkout');
      await expect(checkout.call('FLUSHALL')).rejects.toThrow(/NOPERM/);
      // Services keep to their namespaces: no shard reads a shopper's session.
      await expect(checkout.get(`storefront:session:${randomUUID()}:s`)).rejects.toThrow(/NOPERM/);
      await expect(connect(redis.urls.notifications).get('{checkout:0}:events:meta')).rejects.toThrow(/NOPERM/);
      await expect(checkout.call('ACL', 'SETUSER', 'checkout', 'allcommands')).rejects.toThrow(/NOPERM/);
      const storefront = connect(redis.urls.storefront);
      await expect(storefront.get('{checkout:0}:events:meta')).rejects.toThrow(/NOPERM/);
      expect(await connect(redis.url).call('ACL', 'WHOAMI')).toBe('platform-admin');
    } finally {
      clients.forEach((client) => client.disconnect());
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
