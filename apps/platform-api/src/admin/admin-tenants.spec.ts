import { TenantEntity } from '@storefront/database';
import { TENANT_MIGRATIONS } from '@storefront/tenant-schema';
import { createObjectStorage, tenantObjectPrefix } from '@storefront/object-storage';
import { startS3TestServer, type S3TestServer } from '@storefront/object-storage/testing';
import { readTenantArchive, TenantChangeNotifier, TenantHostResolver, tenantContextFor } from '@storefront/tenancy';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { PlatformApiHarness, tShirtProduct } from '../../test/platform-api-harness';

describe('platform admin API', () => {
  let harness: PlatformApiHarness;
  let admin: string;
  let s3: S3TestServer;

  beforeAll(async () => {
    // Exports go to a real S3-compatible server, configured as the chart configures it.
    s3 = await startS3TestServer();
    harness = await PlatformApiHarness.start(s3.env);
    admin = await harness.adminToken();
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await s3?.stop();
  });

  const audit = async (tenantId: string): Promise<{ actor: string; action: string }[]> =>
    harness.clusters.primary.query('SELECT actor, action FROM platform.audit_log WHERE tenant_id = $1 ORDER BY id', [tenantId]);

  it('lists tenants with search, status filter and pagination', async () => {
    const marker = `find-${Date.now().toString(36)}`;
    const tenants = [];
    for (const n of [1, 2, 3]) tenants.push(await harness.signupMerchant({ slug: `${marker}-${n}` }));
    await harness.request('POST', `/api/v1/admin/tenants/${tenants[1]!.tenantId}/suspend`, { token: admin });

    const all = await harness.request('GET', `/api/v1/admin/tenants?q=${marker}`, { token: admin });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(all.body.items.map((t: { slug: string }) => t.slug)).toEqual([`${marker}-3`, `${marker}-2`, `${marker}-1`]);
    expect(all.body.items[0]).toEqual({
      id: tenants[2]!.tenantId,
      slug: `${marker}-3`,
      name: `Store ${marker}-3`,
      status: 'active',
      plan: 'starter',
      createdAt: expect.any(String),
    });

    const suspended = await harness.request('GET', `/api/v1/admin/tenants?q=${marker}&status=suspended`, { token: admin });
    expect(suspended.body.items.map((t: { id: string }) => t.id)).toEqual([tenants[1]!.tenantId]);

    const byEmail = await harness.request('GET', `/api/v1/admin/tenants?q=${marker}-1@merchants`, { token: admin });
    expect(byEmail.body.items.map((t: { id: string }) => t.id)).toEqual([tenants[0]!.tenantId]);

    const page2 = await harness.request('GET', `/api/v1/admin/tenants?q=${marker}&pageSize=2&page=2`, { token: admin });
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.body.items.map((t: { slug: string }) => t.slug)).toEqual([`${marker}-1`]);

    expect((await harness.request('GET', '/api/v1/admin/tenants?status=sleeping', { token: admin })).status).toBe(400);
  });

  it('shows a tenant with placement, shards, domains and counts', async () => {
    const merchant = await harness.signupMerchant();
    await harness.request('POST', '/api/v1/products', { token: merchant.token, body: tShirtProduct() });
    const detail = await harness.request('GET', `/api/v1/admin/tenants/${merchant.tenantId}`, { token: admin });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: merchant.tenantId,
      status: 'active',
      placement: {
        clusterId: 'main',
        schema: `t_${merchant.tenantId.replace(/-/g, '')}`,
        shards: { checkout: expect.any(Number), search: expect.any(Number), notifications: expect.any(Number) },
      },
      domains: [{ host: `${merchant.slug}.shop.test`, kind: 'platform', verified: true }],
      merchants: [merchant.email],
      counts: { products: 1, variants: 6, categories: 0 },
      provisioning: { status: 'active' },
      // Provisioned in-process: no Store resource (Kubernetes mode: kubernetes-signup.spec.ts).
      store: null,
    });
    expect(detail.body.provisioning.conditions).toBeUndefined();
    expect(detail.body.provisioning.steps.map((s: { step: string; done: boolean }) => [s.step, s.done])).toEqual([
      ['register', true],
      ['role', true],
      ['schema', true],
      ['migrate', true],
      ['seed', true],
      ['shards', true],
      ['activate', true],
    ]);
    expect(detail.body.provisioning.steps[3].detail).toBe(`schema version ${TENANT_MIGRATIONS.length} of ${TENANT_MIGRATIONS.length}`);
    expect((await harness.request('GET', '/api/v1/admin/tenants/00000000-0000-4000-8000-000000000000', { token: admin })).status).toBe(404);
    expect((await harness.request('GET', '/api/v1/admin/tenants/robert-tables', { token: admin })).status).toBe(404);
  });

  it('shows how far provisioning got for a tenant left half-way (registered only)', async () => {
    const tenantId = randomUUID();
    const identifier = `t_${tenantId.replace(/-/g, '')}`;
    // What the provisioner's first step leaves when the process dies right after it.
    await harness.clusters.primary.getRepository(TenantEntity).insert({
      id: tenantId,
      slug: `halfway-${tenantId.slice(0, 8)}`,
      name: 'Half Way',
      status: 'provisioning',
      plan: 'starter',
      clusterId: 'main',
      schemaName: identifier,
      roleName: identifier,
      schemaVersion: 0,
      provisionedAt: null,
    });
    const detail = await harness.request('GET', `/api/v1/admin/tenants/${tenantId}`, { token: admin });
    expect(detail.status).toBe(200);
    expect(detail.body.provisioning.status).toBe('provisioning');
    expect(detail.body.provisioning.steps).toEqual([
      { step: 'register', done: true, detail: expect.stringContaining('on cluster main') },
      { step: 'role', done: false, detail: `${identifier} does not exist` },
      { step: 'schema', done: false, detail: `${identifier} does not exist` },
      { step: 'migrate', done: false, detail: `schema version 0 of ${TENANT_MIGRATIONS.length}` },
      { step: 'seed', done: false, detail: 'no store settings yet' },
      { step: 'shards', done: false, detail: 'checkout unassigned, search unassigned, notifications unassigned' },
      { step: 'activate', done: false, detail: 'not activated yet' },
    ]);
    expect(detail.body.counts).toBeNull();
    await harness.clusters.primary.getRepository(TenantEntity).delete({ id: tenantId });
  });

  it('answers 401 without a token and 403 to a merchant on admin routes', async () => {
    const merchant = await harness.signupMerchant();
    for (const path of ['/api/v1/admin/tenants', `/api/v1/admin/tenants/${merchant.tenantId}`, '/api/v1/admin/health']) {
      expect({ path, status: (await harness.request('GET', path)).status }).toEqual({ path, status: 401 });
      expect({ path, status: (await harness.request('GET', path, { token: merchant.token })).status }).toEqual({ path, status: 403 });
    }
  });

  it('suspends a store: hosts report it suspended, merchant writes are refused, reads still work; resume restores both', async () => {
    const merchant = await harness.signupMerchant();
    const { token } = merchant;
    const product = await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct() });
    // A storefront's resolver, kept fresh the way storefronts do it: by the tenant-changed channel.
    const resolver = new TenantHostResolver(harness.clusters);
    const subscriber = new Redis(process.env.TEST_REDIS_URL!);
    const heard: string[] = [];
    const unsubscribe = await TenantChangeNotifier.subscribe(subscriber, (change) => {
      resolver.invalidate(change.tenantId);
      heard.push(change.tenantId);
    });
    const announced = async (count: number) => {
      for (let i = 0; i < 100 && heard.filter((id) => id === merchant.tenantId).length < count; i++) await new Promise((r) => setTimeout(r, 20));
    };
    expect((await resolver.resolve(`${merchant.slug}.shop.test`))?.status).toBe('active');

    const suspended = await harness.request('POST', `/api/v1/admin/tenants/${merchant.tenantId}/suspend`, { token: admin });
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    // The storefront answers 503 for a suspended tenant; what it reads is the resolver's status.
    await announced(1);
    expect((await resolver.resolve(`${merchant.slug}.shop.test`))?.status).toBe('suspended');

    const write = await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct() });
    expect(write.status).toBe(403);
    expect(write.body.message).toMatch(/suspended/);
    const stock = await harness.request('POST', `/api/v1/variants/${product.body.variants[0].id}/stock-adjustments`, {
      token,
      body: { delta: 1, reason: 'restock' },
    });
    expect(stock.status).toBe(403);
    expect((await harness.request('GET', '/api/v1/products', { token })).body.total).toBe(1);
    expect((await harness.request('GET', '/api/v1/store', { token })).body.status).toBe('suspended');
    expect((await harness.request('POST', `/api/v1/admin/tenants/${merchant.tenantId}/suspend`, { token: admin })).status).toBe(409);

    const resumed = await harness.request('POST', `/api/v1/admin/tenants/${merchant.tenantId}/resume`, { token: admin });
    expect(resumed.body.status).toBe('active');
    await announced(2);
    expect((await resolver.resolve(`${merchant.slug}.shop.test`))?.status).toBe('active');
    await unsubscribe();
    subscriber.disconnect();
    expect((await harness.request('POST', '/api/v1/products', { token, body: tShirtProduct() })).status).toBe(201);

    expect(await audit(merchant.tenantId)).toEqual([
      { actor: merchant.email, action: 'tenant.signed_up' },
      { actor: harness.config.PLATFORM_ADMIN_EMAIL, action: 'tenant.status.suspended' },
      { actor: harness.config.PLATFORM_ADMIN_EMAIL, action: 'tenant.status.active' },
    ]);
  });

  it('deletes a tenant: exports its products and orders first, then its schema and role are gone and its merchant is out', async () => {
    const merchant = await harness.signupMerchant();
    const created = await harness.request('POST', '/api/v1/products', { token: merchant.token, body: tShirtProduct('GONE') });
    const schema = `t_${merchant.tenantId.replace(/-/g, '')}`;
    // An order as the checkout module records it (written directly: checkout is another service).
    const tenant = await harness.api.services.tenancy.registry.get(merchant.tenantId);
    await harness.api.services.tenancy.unitOfWork.run(tenantContextFor(tenant, 'test'), (tx) =>
      tx.query(
        `INSERT INTO orders (status, currency, subtotal_amount, total_amount, shipping_address, payment_method)
         VALUES ('placed', 'EUR', 2500, 2500, '{"city":"Lyon"}', 'cod')`,
      ),
    );

    const deletion = await harness.request('DELETE', `/api/v1/admin/tenants/${merchant.tenantId}`, { token: admin });
    expect(deletion.status).toBe(200);
    const exportsPrefix = `s3://${s3.bucket}/${tenantObjectPrefix(merchant.tenantId)}exports/`;
    expect(deletion.body).toMatchObject({ tenantId: merchant.tenantId, status: 'deleted', export: expect.stringMatching(/\.ndjson\.gz$/) });
    expect(deletion.body.export.startsWith(exportsPrefix)).toBe(true);

    const archive: { tenant?: unknown; tables: Record<string, Record<string, unknown>[]> } = { tables: {} };
    const stored = await createObjectStorage(harness.config).get(deletion.body.export.slice(`s3://${s3.bucket}/`.length));
    for await (const line of readTenantArchive(stored.body)) {
      if ('format' in line) archive.tenant = line.tenant;
      else if ('row' in line) (archive.tables[line.table] ??= []).push(line.row);
    }
    expect(archive.tenant).toMatchObject({ id: merchant.tenantId, slug: merchant.slug });
    expect(archive.tables.products).toEqual([expect.objectContaining({ id: created.body.id, title: 'Organic T-Shirt' })]);
    expect(archive.tables.variants!.map((v) => v.sku).sort()).toEqual(created.body.variants.map((v: { sku: string }) => v.sku).sort());
    expect(archive.tables.orders).toEqual([expect.objectContaining({ status: 'placed', payment_method: 'cod', shipping_address: { city: 'Lyon' } })]);
    expect(archive.tables.store_settings).toHaveLength(1);
    expect(archive.tables.schema_migrations).toBeUndefined();

    const [gone] = await harness.clusters.primary.query(
      `SELECT (SELECT count(*)::int FROM pg_namespace WHERE nspname = $1) AS schemas, (SELECT count(*)::int FROM pg_roles WHERE rolname = $1) AS roles`,
      [schema],
    );
    expect(gone).toEqual({ schemas: 0, roles: 0 });
    expect((await harness.request('GET', '/api/v1/products', { token: merchant.token })).status).toBe(401);
    expect((await harness.request('POST', '/api/v1/auth/login', { body: { email: merchant.email, password: merchant.password } })).status).toBe(401);
    expect(await harness.api.services.tenancy.hostResolver.resolve(`${merchant.slug}.shop.test`)).toBeUndefined();
    const deleted = await harness.request('GET', `/api/v1/admin/tenants/${merchant.tenantId}`, { token: admin });
    expect(deleted.body).toMatchObject({ status: 'deleted', counts: null, provisioning: { status: 'deleted' } });
    expect(deleted.body.provisioning.steps.filter((s: { done: boolean }) => !s.done).map((s: { step: string }) => s.step)).toEqual(['role', 'schema', 'seed', 'shards']);
    // Its shard assignments went with it: a move is refused as a conflict, not failed as a 500 (found by the fuzzer).
    const move = await harness.request('POST', `/api/v1/admin/tenants/${merchant.tenantId}/shards`, { token: admin, body: { service: 'search', shard: 0 } });
    expect(move.status).toBe(409);
    expect(move.body.message).toBe('the tenant is deleted: it has no shards to move');
    expect((await audit(merchant.tenantId)).map((e) => e.action)).toEqual([
      'tenant.signed_up',
      'tenant.status.deleting',
      'tenant.exported',
      'tenant.purged',
    ]);
    expect((await harness.request('DELETE', `/api/v1/admin/tenants/${merchant.tenantId}`, { token: admin })).status).toBe(409);

    // The account went with the store: its email may open a new one; the old address stays taken.
    const again = (slug: string) =>
      harness.request('POST', '/api/v1/signup', { body: { email: merchant.email, password: merchant.password, storeName: 'Again', slug } });
    expect((await again(merchant.slug)).status).toBe(409);
    expect((await again(`${merchant.slug}-2`)).status).toBe(201);
  });

  it('moves a tenant to another shard, pinned and audited, and refuses a shard that does not exist', async () => {
    const merchant = await harness.signupMerchant();
    const before = (await harness.request('GET', `/api/v1/admin/tenants/${merchant.tenantId}`, { token: admin })).body.placement.shards;
    const to = 1 - before.search;
    const moved = await harness.request('POST', `/api/v1/admin/tenants/${merchant.tenantId}/shards`, {
      token: admin,
      body: { service: 'search', shard: to },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ tenantId: merchant.tenantId, service: 'search', from: before.search, to });
    const after = (await harness.request('GET', `/api/v1/admin/tenants/${merchant.tenantId}`, { token: admin })).body.placement.shards;
    expect(after).toEqual({ ...before, search: to });

    const nowhere = await harness.request('POST', `/api/v1/admin/tenants/${merchant.tenantId}/shards`, {
      token: admin,
      body: { service: 'search', shard: 7 },
    });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.details).toEqual([{ field: 'shard', message: 'no such shard' }]);

    const log = await harness.request('GET', `/api/v1/admin/audit-log?tenantId=${merchant.tenantId}&action=tenant.shard_moved`, { token: admin });
    expect(log.body).toMatchObject({ total: 1 });
    expect(log.body.items[0]).toMatchObject({ actor: harness.config.PLATFORM_ADMIN_EMAIL, details: { service: 'search', from: before.search, to } });
  });

  it('reports usage: tenants by status and plan, per cluster and per shard', async () => {
    const before = (await harness.request('GET', '/api/v1/admin/usage', { token: admin })).body;
    const merchant = await harness.signupMerchant();
    await harness.request('POST', `/api/v1/admin/tenants/${merchant.tenantId}/suspend`, { token: admin });
    const after = await harness.request('GET', '/api/v1/admin/usage', { token: admin });
    expect(after.status).toBe(200);
    const shard = (await harness.request('GET', `/api/v1/admin/tenants/${merchant.tenantId}`, { token: admin })).body.placement.shards.checkout;
    const count = (usage: typeof before, path: string[]) => path.reduce((node, key) => node?.[key], usage) ?? 0;
    expect(count(after.body, ['tenants', 'total']) - count(before, ['tenants', 'total'])).toBe(1);
    expect(count(after.body, ['tenants', 'byStatus', 'suspended']) - count(before, ['tenants', 'byStatus', 'suspended'])).toBe(1);
    expect(count(after.body, ['tenants', 'byPlan', 'starter']) - count(before, ['tenants', 'byPlan', 'starter'])).toBe(1);
    expect(count(after.body, ['clusters', 'main']) - count(before, ['clusters', 'main'])).toBe(1);
    expect(count(after.body, ['shards', 'checkout', String(shard)]) - count(before, ['shards', 'checkout', String(shard)])).toBe(1);
    expect((await harness.request('GET', '/api/v1/admin/usage', { token: merchant.token })).status).toBe(403);
  });

  it('keeps the audit log for admins only', async () => {
    const merchant = await harness.signupMerchant();
    expect((await harness.request('GET', '/api/v1/admin/audit-log', { token: merchant.token })).status).toBe(403);
    const signedUp = await harness.request('GET', `/api/v1/admin/audit-log?tenantId=${merchant.tenantId}`, { token: admin });
    expect(signedUp.body.items.map((e: { action: string }) => e.action)).toEqual(['tenant.signed_up']);
  });
});

describe('tenant deletion with a retention period', () => {
  let harness: PlatformApiHarness;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start({ PLATFORM_TENANT_RETENTION_HOURS: '24' });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('keeps the schema until the retention period has passed, then purges it', async () => {
    const merchant = await harness.signupMerchant();
    const schema = `t_${merchant.tenantId.replace(/-/g, '')}`;
    const schemas = async () =>
      (await harness.clusters.primary.query('SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', [schema]))[0].n;

    const deletion = await harness.request('DELETE', `/api/v1/admin/tenants/${merchant.tenantId}`, { token: await harness.adminToken() });
    expect(deletion.body.status).toBe('deleting');
    expect(Date.parse(deletion.body.deleteAfter) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(await harness.api.services.deletions.purgeDue()).not.toContain(merchant.tenantId);
    expect(await schemas()).toBe(1);
    // The merchant is out at once, even while the data is retained.
    expect((await harness.request('GET', '/api/v1/store', { token: merchant.token })).status).toBe(401);

    await harness.clusters.primary.query(`UPDATE platform.tenants SET delete_after = now() - interval '1 second' WHERE id = $1`, [merchant.tenantId]);
    expect(await harness.api.services.deletions.purgeDue()).toContain(merchant.tenantId);
    expect(await schemas()).toBe(0);
  });
});
