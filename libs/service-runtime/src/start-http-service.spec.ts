import { Controller, Get, Module, NotFoundException, Param } from '@nestjs/common';
import { bindTenantToRequest, createLogger, HealthChecks, type Logger } from '@storefront/observability';
import { PassThrough } from 'node:stream';
import { startHttpService, type RunningHttpService } from './start-http-service';

let logger: Logger;

@Controller('probe')
class ProbeController {
  @Get('tenant/:id')
  tenant(@Param('id') id: string): { ok: true } {
    bindTenantToRequest(id);
    logger.info('doing tenant work');
    return { ok: true };
  }

  @Get('slow')
  async slow(): Promise<{ done: true }> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { done: true };
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('no such thing');
  }

  @Get('crash')
  crash(): never {
    throw new Error('secret internals');
  }
}

/** A handler the test holds open: `entered` once it runs, answering when `release` is called. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
const held = { entered: signal(), release: signal(), events: [] as string[] };

@Controller('held')
class HeldController {
  @Get()
  async hold(): Promise<{ done: true }> {
    held.entered.resolve();
    await held.release.promise;
    held.events.push('handler answered');
    return { done: true };
  }
}

@Module({ controllers: [ProbeController, HeldController] })
class ProbeModule {}

describe('HTTP service runtime', () => {
  const lines: Record<string, unknown>[] = [];
  let service: RunningHttpService;
  let redisReady = true;

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    });
    logger = createLogger({ service: 'probe', shard: 1, destination: stream });
    const healthChecks = new HealthChecks().register('redis', async () => redisReady);
    service = await startHttpService(ProbeModule, { service: 'probe', shard: 1, port: 0, logger, healthChecks, handleSignals: false });
  });

  afterAll(async () => {
    await service.close().catch(() => undefined);
  });

  it('logs JSON lines with service, shard, request id and tenant id', async () => {
    const response = await fetch(`${service.url}/probe/tenant/tenant-42`, { headers: { 'x-request-id': 'req-abc' } });
    expect(response.headers.get('x-request-id')).toBe('req-abc');
    const line = lines.find((l) => l.msg === 'doing tenant work');
    expect(line).toMatchObject({ level: 'info', service: 'probe', shard: 1, requestId: 'req-abc', tenantId: 'tenant-42' });
  });

  it('answers errors in one shape and hides internals of unexpected ones', async () => {
    const missing = await fetch(`${service.url}/probe/missing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'no such thing' });

    const crash = await fetch(`${service.url}/probe/crash`);
    expect(crash.status).toBe(500);
    const body = await crash.json();
    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
    expect(lines.some((l) => l.msg === 'unhandled error' && typeof l.requestId === 'string')).toBe(true);
  });

  it('exposes Prometheus metrics labelled by route pattern', async () => {
    await fetch(`${service.url}/probe/tenant/t-1`);
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/probe\/tenant\/:id",status="200",service="probe",shard="1"\} \d+/);
    expect(text).not.toContain('t-1');
  });

  it('reports readiness from its dependency checks', async () => {
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
    redisReady = false;
    const notReady = await fetch(`${service.url}/health/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'unavailable', checks: { redis: 'not ready' } });
    redisReady = true;
  });

  it('finishes an in-flight request on shutdown, then refuses connections', async () => {
    const inFlight = fetch(`${service.url}/probe/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await service.close();
    const response = await inFlight;
    expect(await response.json()).toEqual({ done: true });
    await expect(fetch(`${service.url}/health/live`)).rejects.toThrow();
  });

  it('closes resources only after a handler whose client went away has answered', async () => {
    const quiet = createLogger({ service: 'held', destination: new PassThrough() });
    const held2 = await startHttpService(ProbeModule, {
      service: 'held',
      port: 0,
      logger: quiet,
      handleSignals: false,
      shutdownSteps: [{ name: 'redis', run: async () => void held.events.push('resources closed') }],
    });
    const client = new AbortController();
    const request = fetch(`${held2.url}/held`, { signal: client.signal }).catch(() => 'aborted');
    await held.entered.promise;
    client.abort(); // the connection is gone; the handler still runs
    expect(await request).toBe('aborted');
    const closed = held2.close();
    // Room for a shutdown that did not wait to close resources under the running handler.
    await new Promise((resolve) => setTimeout(resolve, 200));
    held.release.resolve();
    await closed;
    expect(held.events).toEqual(['handler answered', 'resources closed']);
  });
});
