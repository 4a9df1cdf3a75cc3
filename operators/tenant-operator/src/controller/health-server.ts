import type { HealthChecks } from '@storefront/observability';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * `/health/live`, `/health/ready` and `/metrics` on plain node:http: the operator serves no other
 * HTTP, so a web framework would only add start-up time and dependencies.
 */
export async function startHealthServer(options: {
  host: string;
  port: number;
  health: HealthChecks;
  registry: Registry;
}): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: string, type = 'application/json'): void => {
      response.writeHead(status, { 'content-type': type }).end(body);
    };
    const route = request.url?.split('?')[0];
    if (route === '/health/live') return reply(200, JSON.stringify({ status: 'ok' }));
    if (route === '/health/ready') {
      void options.health.readiness().then(
        (report) => reply(report.status === 'ok' ? 200 : 503, JSON.stringify(report)),
        (error: unknown) => reply(503, JSON.stringify({ status: 'unavailable', error: String(error) })),
      );
      return;
    }
    if (route === '/metrics') {
      void options.registry.metrics().then(
        (text) => reply(200, text, options.registry.contentType),
        (error: unknown) => reply(500, String(error), 'text/plain'),
      );
      return;
    }
    reply(404, JSON.stringify({ statusCode: 404, error: 'Not Found', message: `no route ${route}` }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
