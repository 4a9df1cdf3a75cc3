import { startRedis, type RunningRedis } from '@storefront/dev-services';
import { newRedisPassword, redisUrlAs } from '@storefront/redis-acl';
import { RedisTestClients } from '@storefront/redis-acl/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../test/run-cli';

/**
 * The chart's hook Job runs `ensure-redis-users` with the admin's URL and the URL each component
 * gets. ACL users belong to the whole server, so this runs against a Redis of its own: on the
 * test run's server it would reset the users every other test logs in as.
 */
describe('platform ensure-redis-users', () => {
  let redis: RunningRedis;
  let dataDir: string;
  const clients = new RedisTestClients();
  const connectAs = (url: string) => clients.connectAs(url);
  const urlOf = (user: string, password = newRedisPassword()) => redisUrlAs(redis.url, user, password);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ensure-redis-users-'));
    redis = await startRedis({ dataDir, log: () => undefined });
  });

  afterAll(async () => {
    clients.disconnectAll();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("creates each service's user with exactly the password in its URL: each does its work and gets NOPERM outside its patterns", async () => {
    const urls = { 'platform-api': urlOf('platform-api'), checkout: urlOf('checkout'), search: urlOf('search'), notifications: urlOf('notifications') };
    const run = await runCli(['ensure-redis-users'], {
      PLATFORM_REDIS_ADMIN_URL: redis.url,
      PLATFORM_QUEUE_PREFIX: 'shop',
      PLATFORM_REDIS_URL_PLATFORM_API: urls['platform-api'],
      PLATFORM_REDIS_URL_CHECKOUT: urls.checkout,
      PLATFORM_REDIS_URL_SEARCH: urls.search,
      PLATFORM_REDIS_URL_NOTIFICATIONS: urls.notifications,
    });
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('notifications: Redis user ensured') });
    const tenant = randomUUID();
    const [api, checkout, search, notifications] = await Promise.all(Object.values(urls).map(connectAs));

    // The platform API: throttles, its queue under the configured prefix, catalog versions; not the default prefix.
    expect(await api!.incr('platform:rate:signups:abc')).toBe(1);
    expect(await api!.lpush('shop:platform-api-domain-verification:wait', 'job')).toBe(1);
    expect(await api!.incr(`catalog:${tenant}:version`)).toBe(1);
    await expect(api!.lpush('bull:platform-api-domain-verification:wait', 'job')).rejects.toThrow(/NOPERM/);
    await expect(api!.get(`storefront:session:${tenant}:s1`)).rejects.toThrow(/NOPERM/);
    await expect(api!.set(`checkout:{${tenant}}:gate:SKU-1`, '1')).rejects.toThrow(/NOPERM/);
    // Checkout: its flash-sale gates and (its outbox relay) every shard's queues.
    expect(await checkout!.set(`checkout:{${tenant}}:gate:SKU-1`, '5')).toBe('OK');
    expect(await checkout!.lpush('{notifications:1}:events:wait', 'job')).toBe(1);
    await expect(checkout!.get(`storefront:session:${tenant}:s1`)).rejects.toThrow(/NOPERM/);
    // Search: its query cache and the catalog cache.
    expect(await search!.incr(`search:${tenant}:version`)).toBe(1);
    expect(await search!.publish(`cache:catalog:invalidate:${tenant}`, tenant)).toBe(0);
    await expect(search!.get(`checkout:{${tenant}}:gate:SKU-1`)).rejects.toThrow(/NOPERM/);
    // Notifications: its own shards' queues only.
    expect(await notifications!.lpush('{notifications:0}:deliveries:wait', 'job')).toBe(1);
    await expect(notifications!.lpush('{checkout:0}:events:wait', 'job')).rejects.toThrow(/NOPERM/);
    await expect(notifications!.get('platform:rate:signups:abc')).rejects.toThrow(/NOPERM/);
    for (const client of [api, checkout, search, notifications]) {
      await expect(client!.call('FLUSHALL')).rejects.toThrow(/NOPERM/);
      await expect(client!.call('ACL', 'SETUSER', 'mine', 'on', '>x', '~*', '+@all')).rejects.toThrow(/NOPERM/);
    }
  });

  it('sets a changed password and leaves users it is not given alone', async () => {
    const [before, search] = [urlOf('checkout'), urlOf('search')];
    const env = { PLATFORM_REDIS_ADMIN_URL: redis.url, PLATFORM_REDIS_URL_CHECKOUT: before, PLATFORM_REDIS_URL_SEARCH: search };
    expect((await runCli(['ensure-redis-users'], env)).code).toBe(0);
    const after = urlOf('checkout');
    expect((await runCli(['ensure-redis-users'], { PLATFORM_REDIS_ADMIN_URL: redis.url, PLATFORM_REDIS_URL_CHECKOUT: after })).code).toBe(0);
    await expect(connectAs(before)).rejects.toThrow(/WRONGPASS/);
    expect(await (await connectAs(after)).ping()).toBe('PONG');
    expect(await (await connectAs(search)).ping()).toBe('PONG');
  });

  it('refuses a URL that names another user or no password, without echoing a password', async () => {
    const password = newRedisPassword();
    const run = await runCli(['ensure-redis-users'], {
      PLATFORM_REDIS_ADMIN_URL: redis.url,
      PLATFORM_REDIS_URL_CHECKOUT: urlOf('platform-admin', password),
      PLATFORM_REDIS_URL_SEARCH: `redis://search@127.0.0.1:${redis.port}`,
    });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('PLATFORM_REDIS_URL_CHECKOUT must log in as checkout, with a password');
    expect(run.stderr).toContain('PLATFORM_REDIS_URL_SEARCH must log in as search, with a password');
    expect(run.stderr + run.stdout).not.toContain(password);
    expect((await runCli(['ensure-redis-users'], { PLATFORM_REDIS_ADMIN_URL: redis.url })).stderr).toContain('no user to ensure');
  });
});
