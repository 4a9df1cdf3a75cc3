import type { TenantEntity } from '@storefront/database';
import { tenantContextFor } from './tenant-context';
import type { TenantUnitOfWork } from './tenant-unit-of-work';

/** A tenant's data as a self-describing JSON document. */
export interface TenantArchive {
  readonly format: 'storefront-tenant-export';
  readonly version: 1;
  readonly exportedAt: string;
  readonly tenant: { readonly id: string; readonly slug: string; readonly name: string; readonly plan: string };
  /** Every table of the tenant schema, by name, with all rows. */
  readonly tables: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Exports every table of a tenant schema, read through the tenant unit of work (the tenant's own
 * role, one snapshot). Tables are discovered rather than listed, so data added by later modules
 * (orders, customers, ...) is in the export without touching this code.
 */
export class TenantExporter {
  constructor(private readonly unitOfWork: TenantUnitOfWork) {}

  async export(tenant: TenantEntity, requestId: string): Promise<TenantArchive> {
    const ctx = tenantContextFor(tenant, requestId);
    const tables = await this.unitOfWork.run(ctx, async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      // information_schema shows only tables the tenant role may read (schema_migrations is not one).
      const names = await tx.query<{ table_name: string }[]>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      const result: Record<string, Record<string, unknown>[]> = {};
      for (const { table_name: name } of names) {
        if (!TABLE_NAME.test(name)) continue;
        result[name] = await tx.query<Record<string, unknown>[]>(`SELECT * FROM "${name}"`);
      }
      return result;
    });
    return {
      format: 'storefront-tenant-export',
      version: 1,
      exportedAt: new Date().toISOString(),
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, plan: tenant.plan },
      tables,
    };
  }
}
