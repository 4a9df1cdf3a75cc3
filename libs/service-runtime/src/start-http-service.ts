import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createServiceMetrics,
  HealthChecks,
  installGracefulShutdown,
  runWithRequestContext,
  type Logger,
  type ServiceMetrics,
  type ShutdownStep,
} from '@storefront/observability';
import { randomUUID } from 'node:crypto';
import { HttpExceptionFilter } from './http-exception.filter';
import { InFlightHandlers } from './in-flight-handlers';
import { PinoNestLogger } from './pino-nest-logger';

export interface HttpServiceOptions {
  readonly service: string;
  readonly port: number;
  readonly host?: string;
  readonly shard?: number;
  readonly logger: Logger;
  readonly healthChecks?: HealthChecks;
  /** Run after the HTTP server stopped taking and finished in-flight requests (close pools, queues). */
  readonly shutdownSteps?: readonly ShutdownStep[];
  /**
   * Addresses or CIDR blocks of the proxies in front of the service: a request from one of them
   * has `request.ip` from `X-Forwarded-For` (the nearest address no trusted proxy added); from
   * anyone else the header is ignored. None by default: the peer's address is the client's.
   */
  readonly trustedProxies?: readonly string[];
  /** Bytes; larger bodies answer 413. */
  readonly bodyLimit?: number;
  /** Keep each body's exact bytes as `request.rawBody` too (signed webhooks are verified over them). */
  readonly rawBody?: boolean;
  /** Install SIGTERM/SIGINT handlers (off in tests that start several services in one process). */
  readonly handleSignals?: boolean;
  /** Last changes to the app before it listens (e.g. serving an OpenAPI document). */
  readonly beforeListen?: (app: NestFastifyApplication) => void | Promise<void>;
  /** How long shutdown waits for handlers whose client went away before closing resources (default 10 s). */
  readonly handlerDrainTimeoutMs?: number;
}

export interface RunningHttpService {
  readonly app: NestFastifyApplication;
  readonly url: string;
  readonly metrics: ServiceMetrics;
  readonly healthChecks: HealthChecks;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Starts a NestJS service on Fastify with what every service shares: request ids, JSON logs with
 * tenant and request id, Prometheus metrics at /metrics, /health/live and /health/ready, one error
 * shape, and a graceful shutdown that fails readiness, drains requests, then closes resources.
 */
export async function startHttpService(module: Type<unknown> | DynamicModule, options: HttpServiceOptions): Promise<RunningHttpService> {
  const { logger } = options;
  const metrics = createServiceMetrics(options.service, options.shard);
  const healthChecks = options.healthChecks ?? new HealthChecks();
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Fastify's proxy-addr walks X-Forwarded-For from the right, past trusted hops only.
    trustProxy: options.trustedProxies && options.trustedProxies.length > 0 ? [...options.trustedProxies] : false,
    // Reuse a caller's id when it is well-formed, so one request is traceable across services.
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const header = request.headers['x-request-id'];
      return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    rawBody: options.rawBody ?? false,
  });
  app.useGlobalFilters(new HttpExceptionFilter(logger));

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    runWithRequestContext({ requestId: request.id }, done);
  });
  const inFlight = new InFlightHandlers();
  inFlight.track(fastify);
  let closing = false;
  // Keep-alive sockets of requests still in flight at shutdown would hold the server open:
  // answer them with `Connection: close` so they end with their response.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    metrics.httpRequestsTotal.inc(labels);
    metrics.httpRequestDuration.observe(labels, reply.elapsedTime / 1000);
    logger.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });
  fastify.get('/health/live', async () => ({ status: 'ok' }));
  fastify.get('/health/ready', async (_request, reply) => {
    const report = await healthChecks.readiness();
    return reply.status(report.status === 'ok' ? 200 : 503).send(report);
  });
  fastify.get('/metrics', async (_request, reply) =>
    reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
  );

  await options.beforeListen?.(app);
  await app.listen(options.port, options.host ?? '127.0.0.1');
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  logger.info({ url }, `${options.service} listening`);

  const close = async (): Promise<void> => {
    healthChecks.markShuttingDown();
    closing = true;
    // Fastify's close stops accepting connections and waits for in-flight requests to finish.
    await app.close();
    if (!(await inFlight.drained(options.handlerDrainTimeoutMs ?? 10_000))) {
      logger.warn({ handlers: inFlight.size }, 'closing resources while request handlers still run');
    }
    for (const step of options.shutdownSteps ?? []) await step.run();
  };
  if (options.handleSignals ?? true) {
    installGracefulShutdown([{ name: 'http', run: close }], logger);
  }
  return { app, url, metrics, healthChecks, close };
}
