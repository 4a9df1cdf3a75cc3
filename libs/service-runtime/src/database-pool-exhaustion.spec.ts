import { Controller, Get, Module } from '@nestjs/common';
import type { TenantContext } from '@storefront/contracts';
import type { DatabaseClusters } from '@storefront/database';
import { createLogger } from '@storefront/observability';
import { TenantUnitOfWork } from '@storefront/tenancy';
import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { createTestClusters } from '@storefront/testing';
import type { QueryRunner } from 'typeorm';
import { startHttpService, type RunningHttpService } from './start-http-service';

/** The service's own small pool, and the tenant whose unit of work each request runs. */
const served = {} as { clusters: DatabaseClusters; ctx: TenantContext };

@Controller('tenant-read')
class TenantReadController {
  @Get()
  async read(): Promise<{ one: number }> {
    const [row] = await new TenantUnitOfWork(served.clusters).run(served.ctx, (tx) => tx.query<{ one: number }[]>('SELECT 1 AS one'));
    return { one: row!.one };
  }
}

@Module({ controllers: [TenantReadController] })
class TenantReadModule {}

describe('a service whose database pool is exhausted', () => {
  const env = useTestTenancy();
  let service: RunningHttpService;

  beforeAll(async () => {
    served.ctx = (await provisionTestTenant(env.tenancy)).ctx;
    served.clusters = await createTestClusters({ poolSize: 2, connectionTimeoutMs: 300 });
    const logger = createLogger({ service: 'pool-probe', shard: 0, level: 'silent' });
    service = await startHttpService(TenantReadModule, { service: 'pool-probe', shard: 0, port: 0, logger, handleSignals: false });
  });

  afterAll(async () => {
    await service?.close();
    await served.clusters?.destroy();
  });

  it('answers 503 with Retry-After while every connection is held, and serves again once they are released', async () => {
    expect((await fetch(`${service.url}/tenant-read`)).status).toBe(200);

    const holders: QueryRunner[] = [];
    for (let i = 0; i < 2; i++) {
      const runner = served.clusters.get(served.ctx.clusterId).createQueryRunner();
      await runner.connect();
      holders.push(runner);
    }
    const refused = await fetch(`${service.url}/tenant-read`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });

    await Promise.all(holders.map((runner) => runner.release()));
    const served200 = await fetch(`${service.url}/tenant-read`);
    expect(served200.status).toBe(200);
    expect(await served200.json()).toEqual({ one: 1 });
  });
});
