import type { TenantEntity } from '@storefront/database';
import { tenantObjectKey, type ObjectStorage } from '@storefront/object-storage';
import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { tenantContextFor } from './tenant-context';
import type { TenantTransaction, TenantUnitOfWork } from './tenant-unit-of-work';

export const TENANT_ARCHIVE_FORMAT = 'storefront-tenant-export';

/** First line of an archive. */
export interface TenantArchiveHeader {
  readonly format: typeof TENANT_ARCHIVE_FORMAT;
  readonly version: 2;
  readonly exportedAt: string;
  readonly tenant: { readonly id: string; readonly slug: string; readonly name: string; readonly plan: string };
  /** Every table of the tenant schema, in the order their rows follow. */
  readonly tables: readonly string[];
}

/** One line of the gzip'd NDJSON archive: the header, a row of a table, or the end with the row counts. */
export type TenantArchiveLine =
  | TenantArchiveHeader
  | { readonly table: string; readonly row: Record<string, unknown> }
  | { readonly end: true; readonly rows: Readonly<Record<string, number>> };

export interface TenantExportProgress {
  readonly table: string;
  /** 1-based position of the table among `tableCount`. */
  readonly tableIndex: number;
  readonly tableCount: number;
  /** Rows of this table read so far. */
  readonly rows: number;
  /** The table is complete. */
  readonly done: boolean;
}

/** A stored archive. */
export interface TenantExport {
  readonly key: string;
  /** Where an operator fetches it (`s3://bucket/key` or a file path); recorded in the audit log. */
  readonly location: string;
  readonly exportedAt: string;
  readonly bytes: number;
  readonly rows: Readonly<Record<string, number>>;
}

export interface TenantExporterOptions {
  /** Rows per FETCH from the table's cursor: the most the exporter holds of a table at once. */
  readonly batchSize?: number;
}

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;
const DEFAULT_BATCH_SIZE = 500;

/**
 * Exports every table of a tenant schema, read through the tenant unit of work (the tenant's own
 * role, one REPEATABLE READ snapshot), as one gzip'd NDJSON object under the tenant's prefix
 * (docs/adr/0059). Each table is read through a server-side cursor a batch at a time and the
 * stream goes up as it is read, so memory stays at a batch and an upload part whatever the
 * store's size. Tables are discovered rather than listed, so data added by later modules is in
 * the export without touching this code.
 */
export class TenantExporter {
  private readonly batchSize: number;

  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly storage: ObjectStorage,
    options: TenantExporterOptions = {},
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  }

  async export(tenant: TenantEntity, requestId: string, onProgress: (progress: TenantExportProgress) => void = () => undefined): Promise<TenantExport> {
    const ctx = tenantContextFor(tenant, requestId);
    const exportedAt = new Date().toISOString();
    const key = tenantObjectKey(tenant.id, 'exports', `${exportedAt.replace(/[:.]/g, '-')}.ndjson.gz`);
    const rows: Record<string, number> = {};
    const stored = await this.unitOfWork.run(ctx, async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      // information_schema shows only tables the tenant role may read (schema_migrations is not one).
      const names = await tx.query<{ table_name: string }[]>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      const tables = names.map(({ table_name: name }) => name).filter((name) => TABLE_NAME.test(name));
      const header: TenantArchiveHeader = {
        format: TENANT_ARCHIVE_FORMAT,
        version: 2,
        exportedAt,
        tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, plan: tenant.plan },
        tables,
      };
      // highWaterMark 1: the cursor is read only as fast as gzip and the upload take the text.
      const text = Readable.from(this.archiveText(tx, header, rows, onProgress), { highWaterMark: 1 });
      // pipeline: a failed read fails the upload, a failed upload stops the reading.
      return this.storage.put(key, pipeline(text, createGzip(), () => undefined), { contentType: 'application/gzip' });
    });
    return { key, location: this.storage.locationOf(key), exportedAt, bytes: stored.size, rows };
  }

  private async *archiveText(
    tx: TenantTransaction,
    header: TenantArchiveHeader,
    rows: Record<string, number>,
    onProgress: (progress: TenantExportProgress) => void,
  ): AsyncGenerator<string> {
    yield `${JSON.stringify(header)}\n`;
    for (const [index, table] of header.tables.entries()) {
      const progress = { table, tableIndex: index + 1, tableCount: header.tables.length };
      rows[table] = 0;
      await tx.query(`DECLARE tenant_export NO SCROLL CURSOR FOR SELECT * FROM "${table}"`);
      for (;;) {
        const batch = await tx.query<Record<string, unknown>[]>(`FETCH FORWARD ${this.batchSize} FROM tenant_export`);
        if (batch.length === 0) break;
        rows[table] += batch.length;
        onProgress({ ...progress, rows: rows[table], done: false });
        yield batch.map((row) => `${JSON.stringify({ table, row })}\n`).join('');
      }
      await tx.query('CLOSE tenant_export');
      onProgress({ ...progress, rows: rows[table], done: true });
    }
    yield `${JSON.stringify({ end: true, rows })}\n`;
  }
}
