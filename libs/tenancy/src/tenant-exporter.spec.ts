import type { DatabaseClusters } from '@storefront/database';
import { tenantObjectPrefix, type ObjectInfo, type ObjectStorage, type PutObjectOptions, type StoredObject } from '@storefront/object-storage';
import { startS3TestServer, type S3TestServer } from '@storefront/object-storage/testing';
import { TENANT_MIGRATIONS, type TenantMigration } from '@storefront/tenant-schema';
import { createTestClusters, createTestRedis } from '@storefront/testing';
import type Redis from 'ioredis';
import { Readable, Transform } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createTestTenancy, provisionTestTenant } from '../testing';
import { readTenantArchive, TenantArchiveFormatError } from './tenant-archive-reader';
import { TenantDeprovisioner } from './tenant-deprovisioner';
import { TenantExporter, type TenantArchiveHeader, type TenantExportProgress } from './tenant-exporter';
import { TenantMigrator } from './tenant-migrator';
import type { TenancyServices } from './tenancy-services';

/** A table some future module adds: the export must pick it up without being told. */
const loyaltyPoints: TenantMigration = {
  name: '9101-loyalty-points-for-export-test',
  async up(queryRunner) {
    await queryRunner.query('CREATE TABLE loyalty_points (id bigserial PRIMARY KEY, points bigint NOT NULL)');
  },
};

/** An archive read back whole: fine for a test's few rows, which is exactly what the exporter must not do. */
async function readBack(storage: ObjectStorage, key: string): Promise<{ header: TenantArchiveHeader; tables: Record<string, Record<string, unknown>[]>; end: Record<string, number> }> {
  let header: TenantArchiveHeader | undefined;
  let end: Record<string, number> = {};
  const tables: Record<string, Record<string, unknown>[]> = {};
  for await (const line of readTenantArchive((await storage.get(key)).body)) {
    if ('format' in line) header = line;
    else if ('row' in line) (tables[line.table] ??= []).push(line.row);
    else end = { ...line.rows };
  }
  return { header: header!, tables, end };
}

/** The real S3 driver behind a wrapper: subclasses change put() only. */
class ForwardingStorage implements ObjectStorage {
  constructor(protected readonly inner: ObjectStorage) {}

  put(key: string, body: Readable | Buffer | string, options: PutObjectOptions): Promise<ObjectInfo> {
    return this.inner.put(key, body, options);
  }
  get(key: string): Promise<StoredObject> {
    return this.inner.get(key);
  }
  head(key: string): Promise<ObjectInfo | null> {
    return this.inner.head(key);
  }
  exists(key: string): Promise<boolean> {
    return this.inner.exists(key);
  }
  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
  deleteByPrefix(prefix: string): Promise<number> {
    return this.inner.deleteByPrefix(prefix);
  }
  list(prefix: string): AsyncIterable<ObjectInfo> {
    return this.inner.list(prefix);
  }
  locationOf(key: string): string {
    return this.inner.locationOf(key);
  }
}

/**
 * put() first leaves the body unread until the exporter stops reading rows: a streaming exporter
 * stalls after a few batches (backpressure), one that builds the archive in memory has read every
 * row before it hands anything over.
 */
class StallingStorage extends ForwardingStorage {
  rowsReadBeforeUpload = -1;

  constructor(
    inner: ObjectStorage,
    private readonly rowsRead: () => number,
  ) {
    super(inner);
  }

  override async put(key: string, body: Readable | Buffer | string, options: PutObjectOptions): Promise<ObjectInfo> {
    for (let before = -1; this.rowsRead() !== before; ) {
      before = this.rowsRead();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    this.rowsReadBeforeUpload = this.rowsRead();
    return this.inner.put(key, body, options);
  }
}

/** The connection drops as the last bytes go out: every byte reaches the real server, then the body fails. */
class DroppedUploadStorage extends ForwardingStorage {
  override put(key: string, body: Readable | Buffer | string, options: PutObjectOptions): Promise<ObjectInfo> {
    const dropping = new Transform({
      transform: (chunk, _encoding, done) => done(null, chunk),
      flush: (done) => done(new Error('connection reset by peer')),
    });
    return this.inner.put(key, (body instanceof Readable ? body : Readable.from([body])).pipe(dropping), options);
  }
}

describe('tenant export and deprovisioning', () => {
  let clusters: DatabaseClusters;
  let redis: Redis;
  let tenancy: TenancyServices;
  let s3: S3TestServer;
  let storage: ObjectStorage;

  beforeAll(async () => {
    clusters = await createTestClusters();
    redis = createTestRedis();
    tenancy = createTestTenancy({ clusters, redis });
    s3 = await startS3TestServer();
    storage = s3.storage();
  }, 60_000);

  afterAll(async () => {
    await s3?.stop();
    await clusters.destroy();
    redis.disconnect();
  });

  it('exports every table the tenant can read, including ones added by later migrations', async () => {
    const { tenant, ctx } = await provisionTestTenant(tenancy);
    await new TenantMigrator(clusters, [...TENANT_MIGRATIONS, loyaltyPoints]).migrateTenant(tenant);
    await tenancy.unitOfWork.run(ctx, async (tx) => {
      await tx.query(`INSERT INTO products (slug, title, price_amount, currency) VALUES ('mug', 'Mug', 900, 'EUR')`);
      await tx.query('INSERT INTO loyalty_points (points) VALUES (900), (1800)');
    });

    const progress: TenantExportProgress[] = [];
    const exported = await new TenantExporter(tenancy.unitOfWork, storage).export(tenant, 'test', (p) => progress.push(p));
    expect(exported.key).toMatch(new RegExp(`^${tenantObjectPrefix(tenant.id)}exports/.+\\.ndjson\\.gz$`));
    expect(exported.location).toBe(`s3://${s3.bucket}/${exported.key}`);
    expect(exported.bytes).toBe((await storage.head(exported.key))!.size);

    const archive = await readBack(storage, exported.key);
    expect(archive.header.tenant).toEqual({ id: tenant.id, slug: tenant.slug, name: tenant.name, plan: 'starter' });
    expect(archive.tables.products).toEqual([expect.objectContaining({ slug: 'mug', title: 'Mug' })]);
    expect(archive.tables.loyalty_points!.map((row) => Number(row.points))).toEqual([900, 1800]);
    expect(archive.header.tables).toContain('orders');
    expect(archive.tables.orders).toBeUndefined();
    expect(archive.end).toMatchObject({ products: 1, loyalty_points: 2, orders: 0 });
    expect(archive.end).toEqual(exported.rows);
    expect(archive.header.tables).not.toContain('schema_migrations');
    // A progress line per table, in order, each table's last one saying it is done.
    expect(progress.filter((p) => p.done).map((p) => p.table)).toEqual(archive.header.tables);
  });

  it('streams a big store a batch at a time: the upload takes bytes while most rows are still unread', async () => {
    const { tenant, ctx } = await provisionTestTenant(tenancy);
    const rowCount = 20_000;
    await tenancy.unitOfWork.run(ctx, (tx) =>
      // Hex of hashes: text gzip cannot squeeze to nothing, so its buffers hold few rows.
      tx.query(
        `INSERT INTO products (slug, title, description, price_amount, currency)
         SELECT 'p-' || i, 'Product ' || i, md5(i::text) || md5((i + 1)::text) || md5((i + 2)::text) || md5((i + 3)::text), 100, 'EUR'
           FROM generate_series(1, ${rowCount}) AS i`,
      ),
    );
    const batchSize = 200;
    const latest = new Map<string, number>();
    const rowsRead = (): number => [...latest.values()].reduce((sum, rows) => sum + rows, 0);
    const stalling = new StallingStorage(storage, rowsRead);
    const exported = await new TenantExporter(tenancy.unitOfWork, stalling, { batchSize }).export(tenant, 'test', (p) => latest.set(p.table, p.rows));

    // The batch being read, the text stream's one and what gzip holds in and out (about 8 batches
    // here): bounded by the buffers, not by the store, which holds 100 batches.
    expect(stalling.rowsReadBeforeUpload).toBeGreaterThan(0);
    expect(stalling.rowsReadBeforeUpload).toBeLessThanOrEqual(12 * batchSize);
    expect(exported.rows.products).toBe(rowCount);
    let products = 0;
    for await (const line of readTenantArchive((await storage.get(exported.key)).body)) if ('row' in line && line.table === 'products') products++;
    expect(products).toBe(rowCount);
  });

  it('refuses to read back an archive that was cut off before its end line', async () => {
    const { tenant } = await provisionTestTenant(tenancy);
    const exported = await new TenantExporter(tenancy.unitOfWork, storage).export(tenant, 'test');
    const lines = gunzipSync(await buffer((await storage.get(exported.key)).body)).toString().trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true });
    const cut = Readable.from([gzipSync(`${lines.slice(0, -1).join('\n')}\n`)]);
    const readAll = async (): Promise<void> => {
      for await (const _ of readTenantArchive(cut));
    };
    await expect(readAll()).rejects.toThrow(TenantArchiveFormatError);
  });

  it('fails the export, storing nothing, when the upload is refused', async () => {
    const { tenant } = await provisionTestTenant(tenancy);
    const wrongBucket = s3.storage({ bucket: 'no-such-bucket' });
    await expect(new TenantExporter(tenancy.unitOfWork, wrongBucket).export(tenant, 'test')).rejects.toThrow();
  });

  it('fails the export and leaves no object, not even a partial one, when the upload breaks off at its end', async () => {
    const { tenant } = await provisionTestTenant(tenancy);
    await expect(new TenantExporter(tenancy.unitOfWork, new DroppedUploadStorage(storage)).export(tenant, 'test')).rejects.toThrow('connection reset by peer');
    const stored: ObjectInfo[] = [];
    for await (const object of storage.list(tenantObjectPrefix(tenant.id))) stored.push(object);
    expect(stored).toEqual([]);
  });

  it('purges schema, role and hosts but keeps the registry row as deleted', async () => {
    const { tenant } = await provisionTestTenant(tenancy);
    await new TenantDeprovisioner(clusters, tenancy.notifier).purge(tenant, 'test');
    const [state] = await clusters.primary.query(
      `SELECT (SELECT status FROM platform.tenants WHERE id = $1) AS status,
              (SELECT count(*)::int FROM pg_namespace WHERE nspname = $2) AS schemas,
              (SELECT count(*)::int FROM pg_roles WHERE rolname = $2) AS roles,
              (SELECT count(*)::int FROM platform.domains WHERE tenant_id = $1) AS domains`,
      [tenant.id, tenant.schemaName],
    );
    expect(state).toEqual({ status: 'deleted', schemas: 0, roles: 0, domains: 0 });
    // Idempotent: a second purge (another replica) finds nothing left to drop.
    await expect(new TenantDeprovisioner(clusters, tenancy.notifier).purge(tenant, 'test')).resolves.toBeUndefined();
  });
});
