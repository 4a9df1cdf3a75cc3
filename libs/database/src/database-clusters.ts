import { DataSource, type EntitySchema } from 'typeorm';
import { PLATFORM_ENTITIES } from './platform-entities';
import { PLATFORM_MIGRATIONS } from './platform-migrations';

type EntityClass = new (...args: never[]) => unknown;

/** The cluster that holds the platform registry; tenant schemas may live on any cluster. */
export const PRIMARY_CLUSTER_ID = 'main';

export interface DatabaseClustersOptions {
  /** Cluster id -> connection URL. Must contain PRIMARY_CLUSTER_ID. */
  readonly urls: Readonly<Record<string, string>>;
  /** Tenant entities of the domain modules this process uses (platform entities are added). */
  readonly tenantEntities?: ReadonlyArray<EntityClass | EntitySchema>;
  readonly poolSize?: number;
  /**
   * Each backend caches metadata for every relation it has touched; with many tenant schemas
   * that cache grows without bound, so connections are recycled.
   */
  readonly connectionMaxLifetimeSeconds?: number;
  readonly applicationName?: string;
}

/**
 * One TypeORM DataSource (one pool) per PostgreSQL cluster, never one per tenant. Outside a tenant
 * unit of work the search_path is `platform`, so an unqualified tenant table cannot resolve there.
 */
export class DatabaseClusters {
  private readonly dataSources = new Map<string, DataSource>();

  constructor(private readonly options: DatabaseClustersOptions) {
    if (!options.urls[PRIMARY_CLUSTER_ID]) {
      throw new Error(`database cluster "${PRIMARY_CLUSTER_ID}" is required`);
    }
    for (const [clusterId, url] of Object.entries(options.urls)) {
      this.dataSources.set(clusterId, this.createDataSource(clusterId, url));
    }
  }

  get clusterIds(): string[] {
    return [...this.dataSources.keys()];
  }

  /** The DataSource of the cluster holding the platform registry. */
  get primary(): DataSource {
    return this.get(PRIMARY_CLUSTER_ID);
  }

  get(clusterId: string): DataSource {
    const dataSource = this.dataSources.get(clusterId);
    if (!dataSource) throw new Error(`unknown database cluster "${clusterId}"`);
    return dataSource;
  }

  async initialize(): Promise<void> {
    await Promise.all([...this.dataSources.values()].map((ds) => (ds.isInitialized ? ds : ds.initialize())));
  }

  async destroy(): Promise<void> {
    await Promise.all([...this.dataSources.values()].filter((ds) => ds.isInitialized).map((ds) => ds.destroy()));
  }

  private createDataSource(_clusterId: string, url: string): DataSource {
    return new DataSource({
      type: 'postgres',
      url,
      entities: [...PLATFORM_ENTITIES, ...(this.options.tenantEntities ?? [])],
      migrations: PLATFORM_MIGRATIONS,
      migrationsTableName: 'migrations',
      synchronize: false,
      logging: false,
      applicationName: this.options.applicationName ?? 'storefront',
      extra: {
        max: this.options.poolSize ?? 10,
        maxLifetimeSeconds: this.options.connectionMaxLifetimeSeconds ?? 1800,
        idleTimeoutMillis: 30_000,
        options: '-c search_path=platform',
      },
    });
  }
}
