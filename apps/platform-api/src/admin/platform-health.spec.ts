import type { PlatformHealth, ShardHealth } from '@storefront/contracts';
import { findFreePortRange } from '@storefront/dev-services';
import { createServer, type Server, type Socket } from 'node:net';
// The health page reads real shards: the storefront's harness runs checkout, search and
// notifications shards in this process, and the platform API joins that platform.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { StorefrontHarness } from '../../../storefront/test/storefront-harness';
import { PlatformApiHarness } from '../../test/platform-api-harness';

const shardOf = (health: PlatformHealth, service: string, shard: number): ShardHealth => health.shards.find((s) => s.service === service && s.shard === shard)!;

describe("platform admin's health of services, shards and queues", () => {
  let platform: StorefrontHarness;
  let api: PlatformApiHarness;
  let admin: string;

  beforeAll(async () => {
    platform = await StorefrontHarness.start({}, { notifications: true });
    const { LOG_LEVEL: _level, ...joinEnv } = platform.platformEnv;
    api = await PlatformApiHarness.start(joinEnv);
    admin = await api.adminToken();
  });

  afterAll(async () => {
    await api?.close();
    await platform?.close();
  });

  it('is for platform admins only', async () => {
    const merchant = await api.signupMerchant();
    expect((await api.request('GET', '/api/v1/admin/health')).status).toBe(401);
    expect((await api.request('GET', '/api/v1/admin/health', { token: 'not.a.token' })).status).toBe(401);
    const asMerchant = await api.request('GET', '/api/v1/admin/health', { token: merchant.token });
    expect(asMerchant.status).toBe(403);
    expect(JSON.stringify(asMerchant.body)).not.toContain('shards');
  });

  it('reports the services and every shard up, with tenants per shard and queue depths', async () => {
    await api.signupMerchant();
    const answer = await api.request<PlatformHealth>('GET', '/api/v1/admin/health', { token: admin });
    expect(answer.status).toBe(200);
    const health = answer.body;
    expect(health.state).toBe('up');
    expect(health.services.map((s) => [s.name, s.state])).toEqual([
      ['platform-api', 'up'],
      ['postgres:main', 'up'],
      ['redis', 'up'],
    ]);
    expect(health.shards.map((s) => `${s.service}:${s.shard}:${s.state}`)).toEqual([
      'checkout:0:up',
      'checkout:1:up',
      'search:0:up',
      'search:1:up',
      'notifications:0:up',
      'notifications:1:up',
    ]);
    expect(shardOf(health, 'notifications', 1).url).toBe(`http://127.0.0.1:${Number(platform.platformEnv.PLATFORM_NOTIFICATIONS_BASE_PORT) + 1}`);
    expect(shardOf(health, 'checkout', 0).detail).toMatch(/postgres: ok/);
    expect(shardOf(health, 'checkout', 0).queues).toEqual([]);
    expect(shardOf(health, 'search', 0).queues!.map((q) => q.queue)).toEqual(['events', 'reindex']);
    expect(shardOf(health, 'notifications', 0).queues!.map((q) => q.queue)).toEqual(['events', 'deliveries']);
    expect(shardOf(health, 'notifications', 0).queues![0]).toEqual({ queue: 'events', waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number), failed: expect.any(Number) });
    const tenants = await api.clusters.primary.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM platform.shard_assignments s JOIN platform.tenants t ON t.id = s.tenant_id WHERE s.service = 'checkout' AND t.status <> 'deleted'`,
    );
    expect(shardOf(health, 'checkout', 0).tenants + shardOf(health, 'checkout', 1).tenants).toBe(tenants[0]!.n);
  });

  it('shows a stopped shard as down and the rest as they are', async () => {
    await platform.stopShard('notifications', 1);
    try {
      const health = (await api.request<PlatformHealth>('GET', '/api/v1/admin/health', { token: admin })).body;
      expect(health.state).toBe('down');
      expect(shardOf(health, 'notifications', 1)).toMatchObject({ state: 'down', detail: expect.stringContaining('ECONNREFUSED') });
      // Its queues are in Redis, not in the process: still counted while it is down.
      expect(shardOf(health, 'notifications', 1).queues!.map((q) => q.queue)).toEqual(['events', 'deliveries']);
      expect(health.shards.filter((s) => s.state === 'down')).toHaveLength(1);
    } finally {
      await platform.startShard('notifications', 1);
    }
    expect((await api.request<PlatformHealth>('GET', '/api/v1/admin/health', { token: admin })).body.state).toBe('up');
  });

  it('answers within its timeout when a shard accepts connections and never answers', async () => {
    // Checkout shard 0 is a server that takes the connection and says nothing; nothing listens elsewhere.
    const base = await findFreePortRange(6);
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(base, '127.0.0.1', resolve));
    const lonely = await PlatformApiHarness.start({
      PLATFORM_CHECKOUT_BASE_PORT: String(base),
      PLATFORM_SEARCH_BASE_PORT: String(base + 2),
      PLATFORM_NOTIFICATIONS_BASE_PORT: String(base + 4),
    });
    try {
      // Without the probe's own timeout this request would hang on the silent shard (and the test time out).
      const answer = await lonely.request<PlatformHealth>('GET', '/api/v1/admin/health', { token: await lonely.adminToken() });
      expect(answer.status).toBe(200);
      expect(shardOf(answer.body, 'checkout', 0)).toMatchObject({ state: 'down', detail: expect.stringContaining('no answer within') });
      expect(shardOf(answer.body, 'search', 1)).toMatchObject({ state: 'down', detail: expect.stringContaining('ECONNREFUSED') });
      expect(answer.body.services.every((s) => s.state === 'up')).toBe(true);
    } finally {
      await lonely.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
