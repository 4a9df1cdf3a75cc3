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
  /**
   * How long a caller waits for a connection (a free one in the pool, or a new one), then
   * DatabaseUnavailableError: a full pool answers 503 instead of queueing requests forever.
   */
  readonly connectionTimeoutMs?: number;
  /** Unset (one-off commands such as migrations): PostgreSQL's default, no limit. */
  readonly statementTimeoutMs?: number;
  readonly idleInTransactionTimeoutMs?: number;
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

  /**
   * The statement and idle-in-transaction timeouts, for `SET LOCAL`: a tenant unit of work runs them
   * in its opening round trip, because behind PgBouncer (transaction pooling) the startup
   * parameters below never reach PostgreSQL (docs/adr/0058-database-timeouts.md).
   */
  get transactionTimeoutSettings(): Readonly<Record<string, string>> {
    return Object.fromEntries(this.timeoutParameters().map(([name, ms]) => [name, String(ms)]));
  }

  private timeoutParameters(): Array<[string, number]> {
    const { statementTimeoutMs, idleInTransactionTimeoutMs } = this.options;
    const parameters: Array<[string, number | undefined]> = [
      ['statement_timeout', statementTimeoutMs],
      ['idle_in_transaction_session_timeout', idleInTransactionTimeoutMs],
    ];
    return parameters.filter((entry): entry is [string, number] => entry[1] !== undefined);
  }

  private createDataSource(_clusterId: string, url: string): DataSource {
    const startupSettings = this.timeoutParameters().map(([name, ms]) => ` -c ${name}=${ms}`);
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
        connectionTimeoutMillis: this.options.connectionTimeoutMs ?? 0,
        // Startup parameters: every statement of a direct connection, also outside a unit of work.
        // Inside `options` because PgBouncer ignores that one parameter instead of refusing the login.
        options: `-c search_path=platform${startupSettings.join('')}`,
      },
    });
  }
}
