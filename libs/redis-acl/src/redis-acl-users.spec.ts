import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { platformApiAclRules, redisUrlAs, serviceAclRules, storefrontAclRules, storefrontRedisUser } from './redis-acl-rules';
import { newRedisPassword, RedisAclUsers } from './redis-acl-users';
import { RedisTestClients } from '../testing';

/**
 * The test server's admin login, straight from the global setup: @storefront/testing itself
 * depends on this library (it creates store users), so this spec cannot import it. ACL users
 * belong to the server, and every key here is under a tenant id of its own.
 */
function adminRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL is not set: run tests through jest.config.js (global setup)');
  return url;
}

/** From the side of a compromised storefront Pod of store A: it holds exactly A's REDIS_URL. */
describe("a storefront's Redis user", () => {
  let admin: Redis;
  let users: RedisAclUsers;
  const clients = new RedisTestClients();
  const connectAs = (url: string) => clients.connectAs(url);
  const storeA = async (): Promise<{ a: string; b: string; redis: Redis; url: string }> => {
    const [a, b] = [randomUUID(), randomUUID()];
    const { user, password } = await users.ensureStorefrontUser(a);
    const url = redisUrlAs(adminRedisUrl(), user, password);
    return { a, b, redis: await connectAs(url), url };
  };

  beforeAll(() => {
    admin = new Redis(adminRedisUrl(), { maxRetriesPerRequest: 3 });
    users = new RedisAclUsers(admin);
  });

  afterAll(() => {
    clients.disconnectAll();
    admin.disconnect();
  });

  it("reads and writes its own store's sessions, rate limits, checkout replays and cache, and no other store's", async () => {
    const { a, b, redis } = await storeA();
    await admin.set(`storefront:session:${b}:victim`, '{"customerId":"c"}');
    for (const key of [`storefront:session:${a}:s1`, `storefront:rate:${a}:all:1`, `storefront:checkout:${a}:c:k`, `catalog:${a}:version`, `reviews:rate:${a}:all:1`]) {
      expect(await redis.set(key, '1', 'EX', 60)).toBe('OK');
      expect(await redis.get(key)).toBe('1');
    }
    await expect(redis.get(`storefront:session:${b}:victim`)).rejects.toThrow(/NOPERM/);
    await expect(redis.set(`storefront:session:${b}:victim`, '{"customerId":"attacker"}')).rejects.toThrow(/NOPERM/);
    await expect(redis.del(`storefront:session:${b}:victim`)).rejects.toThrow(/NOPERM/);
    await expect(redis.incr(`catalog:${b}:version`)).rejects.toThrow(/NOPERM/);
    // A key of B's with A's id inside a shopper-chosen part (an idempotency key) is still B's.
    await expect(redis.get(`storefront:checkout:${b}:c:x:${a}:y`)).rejects.toThrow(/NOPERM/);
    await expect(redis.get('{checkout:0}:events:meta')).rejects.toThrow(/NOPERM/);
    expect(await admin.get(`storefront:session:${b}:victim`)).toBe('{"customerId":"c"}');
  });

  it("publishes and listens on its own store's channels only", async () => {
    const { a, b, redis, url } = await storeA();
    expect(await redis.publish(`cache:catalog:invalidate:${a}`, a)).toBeGreaterThanOrEqual(0);
    expect(await redis.publish(`platform:tenant-changed:${a}`, '{}')).toBeGreaterThanOrEqual(0);
    await expect(redis.publish(`cache:catalog:invalidate:${b}`, b)).rejects.toThrow(/NOPERM/);
    await expect(redis.publish('cache:catalog:invalidate', b)).rejects.toThrow(/NOPERM/);
    await expect(redis.publish(`platform:tenant-changed:${b}`, '{}')).rejects.toThrow(/NOPERM/);
    const listener = await connectAs(url);
    await expect(listener.psubscribe('cache:catalog:invalidate:*')).rejects.toThrow(/NOPERM/);
    await expect(listener.subscribe(`cache:catalog:invalidate:${b}`)).rejects.toThrow(/NOPERM/);
    expect(await listener.subscribe(`cache:catalog:invalidate:${a}`)).toBe(1);
  });

  it('cannot administer, list or wipe the server', async () => {
    const { redis } = await storeA();
    for (const command of [['FLUSHALL'], ['FLUSHDB'], ['KEYS', '*'], ['SCAN', '0'], ['RANDOMKEY'], ['CONFIG', 'GET', '*'], ['CONFIG', 'SET', 'appendonly', 'no'],
      ['ACL', 'LIST'], ['ACL', 'SETUSER', 'mine', 'on', '>x', '~*', '+@all'], ['CLIENT', 'LIST'], ['CLIENT', 'KILL', 'TYPE', 'normal'], ['MONITOR'],
      ['SHUTDOWN'], ['PUBSUB', 'CHANNELS'], ['EVAL', "return redis.call('KEYS', '*')", '0'], ['FUNCTION', 'FLUSH'], ['SWAPDB', '0', '1']]) {
      await expect(redis.call(command[0]!, ...command.slice(1))).rejects.toThrow(/NOPERM/);
    }
  });

  it('keeps the password it is given, so a repeat (or a Redis that lost its users) changes nothing the Pods hold', async () => {
    const { a, redis, url } = await storeA();
    const password = new URL(url).password;
    expect(await users.ensureStorefrontUser(a, password)).toEqual({ user: storefrontRedisUser(a), password });
    expect(await redis.set(`storefront:session:${a}:still`, '1')).toBe('OK');
    await admin.call('ACL', 'DELUSER', storefrontRedisUser(a));
    await users.ensureStorefrontUser(a, password);
    expect(await (await connectAs(url)).get(`storefront:session:${a}:still`)).toBe('1');
    // Without a usable password a new one is drawn.
    expect((await users.ensureStorefrontUser(a, 'not hex')).password).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is gone with its store: removed, it can no longer log in', async () => {
    const { a, url } = await storeA();
    await users.removeStorefrontUser(a);
    await users.removeStorefrontUser(a);
    await expect(connectAs(url)).rejects.toThrow(/WRONGPASS/);
  });

  it('refuses a store id that could carry ACL rules or patterns of its own', () => {
    for (const tenantId of ['* ~*', 'a allkeys', `${randomUUID()}*`, randomUUID().toUpperCase()]) {
      expect(() => storefrontAclRules(tenantId)).toThrow(/not a tenant id/);
    }
  });
});

/** From the side of a compromised platform API: it holds its own REDIS_URL, with production's prefixes. */
describe("the platform API's Redis user", () => {
  let admin: Redis;
  let api: Redis;
  const user = `platform-api-${randomUUID()}`;

  beforeAll(async () => {
    admin = new Redis(adminRedisUrl(), { maxRetriesPerRequest: 3 });
    const password = newRedisPassword();
    await new RedisAclUsers(admin).setUser(user, password, serviceAclRules('platform-api'));
    api = new Redis(redisUrlAs(adminRedisUrl(), user, password), { maxRetriesPerRequest: 0 });
  });

  afterAll(async () => {
    api.disconnect();
    await admin.call('ACL', 'DELUSER', user);
    admin.disconnect();
  });

  it('keeps its login throttles and domain-verification queue, bumps catalog versions and announces tenant changes', async () => {
    const tenant = randomUUID();
    expect(await api.incr(`platform:rate:signups:${randomUUID()}`)).toBe(1);
    expect(await api.lpush(`bull:platform-api-domain-verification:${randomUUID()}`, 'job')).toBe(1);
    expect(await api.incr(`catalog:${tenant}:version`)).toBe(1);
    expect(await api.publish(`cache:catalog:invalidate:${tenant}`, tenant)).toBeGreaterThanOrEqual(0);
    expect(await api.publish(`platform:tenant-changed:${tenant}`, '{}')).toBeGreaterThanOrEqual(0);
  });

  it("only reads the shards' queues, for the health page", async () => {
    const queue = `{search:${randomUUID()}}:events`;
    await admin.lpush(`${queue}:wait`, 'job');
    expect(await api.llen(`${queue}:wait`)).toBe(1);
    expect(await api.zcard(`{checkout:${randomUUID()}}:events:failed`)).toBe(0);
    await expect(api.lpush(`${queue}:wait`, 'forged')).rejects.toThrow(/NOPERM/);
    await expect(api.del(`${queue}:wait`)).rejects.toThrow(/NOPERM/);
    await expect(api.call('EVAL', "return redis.call('DEL', KEYS[1])", '1', `${queue}:wait`)).rejects.toThrow(/NOPERM/);
    expect(await admin.llen(`${queue}:wait`)).toBe(1);
  });

  it("gets NOPERM on a storefront session, a checkout gate, a cache entry and another queue prefix's jobs", async () => {
    const tenant = randomUUID();
    await admin.set(`storefront:session:${tenant}:victim`, '{"customerId":"c"}');
    for (const key of [
      `storefront:session:${tenant}:victim`,
      `checkout:{${tenant}}:gate:SKU-1`,
      `catalog:${tenant}:v1:search:version`,
      `search:${tenant}:version`,
      'other:platform-api-domain-verification:wait',
    ]) {
      await expect(api.get(key)).rejects.toThrow(/NOPERM/);
      await expect(api.set(key, 'forged')).rejects.toThrow(/NOPERM/);
    }
    await expect(api.publish(`cache:search:invalidate:${tenant}`, tenant)).rejects.toThrow(/NOPERM/);
    for (const command of [['FLUSHALL'], ['KEYS', '*'], ['CONFIG', 'GET', '*'], ['ACL', 'LIST'], ['SHUTDOWN']]) {
      await expect(api.call(command[0]!, ...command.slice(1))).rejects.toThrow(/NOPERM/);
    }
    expect(await admin.get(`storefront:session:${tenant}:victim`)).toBe('{"customerId":"c"}');
  });

  it('covers the prefixes it is given, and refuses a prefix that could carry rules of its own', () => {
    expect(platformApiAclRules({ keyPrefix: 'test-*:', queuePrefix: 'test-*' })).toEqual(
      expect.arrayContaining(['~test-*:platform:rate:*', '~test-*:platform-api-domain-verification:*']),
    );
    expect(platformApiAclRules()).not.toContain('~*');
    expect(() => platformApiAclRules({ queuePrefix: 'bull ~*' })).toThrow(/not a queue prefix/);
    expect(() => platformApiAclRules({ keyPrefix: 'x allkeys ' })).toThrow(/not a Redis key prefix/);
  });
});
