import { randomUUID } from 'node:crypto';
import { provisionTestTenant, useTestTenancy } from '../testing';
import { ShardRouter, TenantNotRoutableError } from './shard-router';

describe('shard router', () => {
  const env = useTestTenancy();

  it('routes a tenant to the local port of its recorded shard, and follows an explicit move', async () => {
    const router = new ShardRouter(env.tenancy.shards, { urlTemplate: 'http://127.0.0.1:{port}', basePorts: { checkout: 8090 } });
    const { tenant } = await provisionTestTenant(env.tenancy);
    const shard = (await env.tenancy.shards.shardOf(tenant.id, 'checkout'))!;
    expect(await router.route(tenant.id, 'checkout')).toEqual({ service: 'checkout', shard, url: `http://127.0.0.1:${8090 + shard}` });

    await env.tenancy.shards.move(tenant.id, 'checkout', 1 - shard, 'test');
    expect((await router.route(tenant.id, 'checkout')).url).toBe(`http://127.0.0.1:${8090 + 1 - shard}`);
  });

  it('builds per-shard Service names in Kubernetes', () => {
    const router = new ShardRouter(env.tenancy.shards, { urlTemplate: 'http://{service}-{shard}.{service}.platform.svc:8080' });
    expect(router.urlOf('search', 3)).toBe('http://search-3.search.platform.svc:8080');
  });

  it('refuses a tenant without an assignment and a template that cannot tell shards apart', async () => {
    const router = new ShardRouter(env.tenancy.shards, { urlTemplate: 'http://{service}-{shard}:80' });
    await expect(router.route(randomUUID(), 'checkout')).rejects.toBeInstanceOf(TenantNotRoutableError);
    expect(() => new ShardRouter(env.tenancy.shards, { urlTemplate: 'http://checkout:80' })).toThrow(/\{shard\}/);
  });
});
