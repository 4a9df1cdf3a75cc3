import type { TenantContext } from '@storefront/contracts';
import { assertTenantIdentifier, type DatabaseClusters } from '@storefront/database';
import type { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { runWithTenantContext } from './tenant-context';

/**
 * The only door to tenant data: a transaction whose search_path and ROLE are the tenant's.
 * Both are SET LOCAL, so they end with the transaction and stay correct behind PgBouncer in
 * transaction pooling mode; the role makes PostgreSQL itself refuse other tenants' schemas.
 */
export class TenantUnitOfWork {
  constructor(private readonly clusters: DatabaseClusters) {}

  run<T>(ctx: TenantContext, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    const schema = assertTenantIdentifier(ctx.schema);
    const role = assertTenantIdentifier(ctx.role);
    const dataSource = this.clusters.get(ctx.clusterId);
    return runWithTenantContext(ctx, () =>
      dataSource.transaction(async (manager) => {
        // One round trip for both settings; identifiers were checked above (they cannot be bound).
        await manager.query(`SET LOCAL search_path TO "${schema}"; SET LOCAL ROLE "${role}"`);
        return work(new TenantTransaction(ctx, manager));
      }),
    );
  }
}

/** A tenant-scoped transaction. Repositories come only from here. */
export class TenantTransaction {
  constructor(
    readonly ctx: TenantContext,
    private readonly manager: EntityManager,
  ) {}

  getRepository<E extends ObjectLiteral>(entity: EntityTarget<E>): Repository<E> {
    const repository = this.manager.getRepository(entity);
    if (repository.metadata.schema) {
      // A schema-qualified entity (platform.*) is not tenant data; the role could not read it anyway.
      throw new Error(`${repository.metadata.name} is not a tenant entity`);
    }
    return repository;
  }

  query<R = unknown>(sql: string, parameters?: unknown[]): Promise<R> {
    return this.manager.query(sql, parameters);
  }
}
