import type { ShardAssignments, ShardedService } from './shard-assignments';

export interface ShardRouterOptions {
  /**
   * Base URL of one shard, with `{service}`, `{shard}` and `{port}` (= base port + shard)
   * replaced: `http://127.0.0.1:{port}` on one machine, `http://{service}-{shard}.{service}:8080`
   * for StatefulSet pods behind a headless Service in Kubernetes.
   */
  readonly urlTemplate: string;
  /** First local port of each service; shard i listens on base + i. */
  readonly basePorts?: Partial<Readonly<Record<ShardedService, number>>>;
}

export interface ShardRoute {
  readonly service: ShardedService;
  readonly shard: number;
  readonly url: string;
}

export class TenantNotRoutableError extends Error {
  constructor(
    readonly tenantId: string,
    readonly service: ShardedService,
  ) {
    super(`tenant ${tenantId} has no ${service} shard`);
    this.name = 'TenantNotRoutableError';
  }
}

/** Tenant -> URL of the shard that serves it, from the recorded assignment (never recomputed). */
export class ShardRouter {
  constructor(
    private readonly shards: ShardAssignments,
    private readonly options: ShardRouterOptions,
  ) {
    if (!options.urlTemplate.includes('{shard}') && !options.urlTemplate.includes('{port}')) {
      // Every shard would get the same URL, which would defeat routing altogether.
      throw new Error('shard URL template must contain {shard} or {port}');
    }
  }

  async route(tenantId: string, service: ShardedService): Promise<ShardRoute> {
    const shard = await this.shards.shardOf(tenantId, service);
    if (shard === undefined) throw new TenantNotRoutableError(tenantId, service);
    return { service, shard, url: this.urlOf(service, shard) };
  }

  urlOf(service: ShardedService, shard: number): string {
    const template = this.options.urlTemplate;
    let port = '';
    if (template.includes('{port}')) {
      const base = this.options.basePorts?.[service];
      if (base === undefined) throw new Error(`no base port configured for ${service}`);
      port = String(base + shard);
    }
    return template.replaceAll('{service}', service).replaceAll('{shard}', String(shard)).replaceAll('{port}', port);
  }
}
