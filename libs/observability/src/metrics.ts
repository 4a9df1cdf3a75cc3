import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface ServiceMetrics {
  readonly registry: Registry;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  readonly httpRequestsTotal: Counter<'method' | 'route' | 'status'>;
}

/**
 * A registry per service process with Node's default metrics and HTTP request metrics. Labels
 * use the route pattern, never the raw URL or tenant id, to keep cardinality bounded.
 */
export function createServiceMetrics(service: string, shard?: number): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service, ...(shard !== undefined ? { shard: String(shard) } : {}) });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    httpRequestsTotal: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
  };
}
