import { databaseUrlAs, ensurePlatformApiDatabaseLogin, isPostgresError } from '@storefront/database';
import { TEST_OWNER_LOGIN, TEST_PLATFORM_API_LOGIN, testDatabaseUrl, testServiceDatabaseUrl } from '@storefront/testing';
import { Client } from 'pg';
import { privilegeOutcome, provisionTestTenant, useTestTenancy } from '../testing';

/** 'allowed' after undoing what the statement did; for writes an attacker must not keep. */
async function allowedAndRolledBack(client: Client, sql: string): Promise<'allowed' | 'refused'> {
  await client.query('BEGIN');
  try {
    return await privilegeOutcome(client, sql);
  } finally {
    await client.query('ROLLBACK');
  }
}

async function connectAs(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * What a compromised platform API Pod (Kubernetes mode, where the operator provisions) can do with
 * its own database login: the registry and the tenants it serves merchants of, by SET LOCAL ROLE;
 * no DDL, no roles, no edit of the audit trail, and drops of tenant objects only.
 */
describe("the platform API's database login, as an attacker holding it", () => {
  const env = useTestTenancy();
  let store: Awaited<ReturnType<typeof provisionTestTenant>>;
  let api: Client;

  beforeAll(async () => {
    store = await provisionTestTenant(env.tenancy);
    api = await connectAs(databaseUrlAs(await testDatabaseUrl(), TEST_PLATFORM_API_LOGIN));
  });

  afterAll(async () => {
    await api?.end();
  });

  const attempt = (sql: string) => privilegeOutcome(api, sql);

  it("reaches a tenant's tables by SET LOCAL ROLE only; after RESET ROLE it reads no tenant row", async () => {
    await api.query('BEGIN');
    await api.query(`SET LOCAL ROLE "${store.tenant.roleName}"`);
    const rows = await api.query(`SELECT count(*) FROM "${store.tenant.schemaName}".products`);
    await api.query('COMMIT');
    expect(rows.rows).toHaveLength(1);
    expect(await attempt(`SELECT * FROM "${store.tenant.schemaName}".customers`)).toBe('refused');
    expect(await attempt(`SELECT * FROM "${store.tenant.schemaName}".orders`)).toBe('refused');
  });

  it('reads and writes the registry and appends to the audit log, but cannot edit or erase the audit trail', async () => {
    expect(await allowedAndRolledBack(api, `UPDATE platform.tenants SET status = 'suspended' WHERE id = '${store.tenant.id}'`)).toBe('allowed');
    expect(await allowedAndRolledBack(api, `INSERT INTO platform.audit_log (actor, action) VALUES ('platform-api', 'test.appended')`)).toBe('allowed');
    expect(await attempt('SELECT password_hash FROM platform.merchants LIMIT 1')).toBe('allowed');
    expect(await allowedAndRolledBack(api, `UPDATE platform.audit_log SET actor = 'someone else'`)).toBe('refused');
    expect(await allowedAndRolledBack(api, 'DELETE FROM platform.audit_log')).toBe('refused');
    expect(await allowedAndRolledBack(api, 'TRUNCATE platform.audit_log')).toBe('refused');
  });

  it('creates no schema, role, temporary table or grant, and changes no table', async () => {
    const [{ rolcreaterole, rolcreatedb }] = (await api.query('SELECT rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = session_user')).rows;
    expect([rolcreaterole, rolcreatedb]).toEqual([false, false]);
    expect(await attempt('CREATE SCHEMA attacker')).toBe('refused');
    expect(await attempt('CREATE ROLE attacker LOGIN')).toBe('refused');
    expect(await attempt('CREATE TEMPORARY TABLE products (id int)')).toBe('refused');
    expect(await attempt(`GRANT "${store.tenant.roleName}" TO CURRENT_USER`)).toBe('refused');
    expect(await attempt('ALTER TABLE platform.tenants ADD COLUMN backdoor text')).toBe('refused');
    expect(await attempt('DROP TABLE platform.audit_log')).toBe('refused');
    // Not even as the tenant: the owner owns a tenant's tables, the tenant role only uses them.
    await api.query('BEGIN');
    await api.query(`SET LOCAL ROLE "${store.tenant.roleName}"`);
    const alter = await privilegeOutcome(api, `ALTER TABLE "${store.tenant.schemaName}".products ADD COLUMN backdoor text`);
    await api.query('ROLLBACK');
    expect(alter).toBe('refused');
    expect(await attempt(`DROP SCHEMA "${store.tenant.schemaName}" CASCADE`)).toBe('refused');
  });

  it("drops a tenant's schema, role and storefront login through the owner's functions, and nothing that is not a tenant's", async () => {
    for (const name of ['platform', 'public', 'extensions', TEST_OWNER_LOGIN.user, `${store.tenant.roleName}; DROP SCHEMA platform`]) {
      const refusal = await api.query('SELECT platform.drop_tenant_schema($1)', [name]).then(
        () => 'dropped',
        (error: unknown) => (isPostgresError(error, '42602') ? 'refused' : error),
      );
      expect([name, refusal]).toEqual([name, 'refused']);
    }
    expect((await api.query("SELECT 1 FROM pg_namespace WHERE nspname = 'platform'")).rows).toHaveLength(1);

    const doomed = await provisionTestTenant(env.tenancy);
    await api.query('SELECT platform.drop_tenant_schema($1)', [doomed.tenant.schemaName]);
    await api.query('SELECT platform.drop_storefront_login($1)', [doomed.tenant.roleName]);
    const left = await api.query('SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = $1)::int AS schemas, (SELECT count(*) FROM pg_roles WHERE rolname IN ($1, $2))::int AS roles', [
      doomed.tenant.schemaName,
      `${doomed.tenant.roleName}_storefront`,
    ]);
    expect(left.rows[0]).toEqual({ schemas: 0, roles: 0 });
    // The store it was not asked about is whole.
    expect((await api.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [store.tenant.schemaName])).rows).toHaveLength(1);
  });

  it("is the only login besides the owner that may call the drop functions: the shards' login may not", async () => {
    const service = await connectAs(await testServiceDatabaseUrl());
    try {
      expect(await privilegeOutcome(service, `SELECT platform.drop_tenant_schema('${store.tenant.schemaName}')`)).toBe('refused');
      expect(await privilegeOutcome(service, `SELECT platform.drop_storefront_login('${store.tenant.roleName}')`)).toBe('refused');
    } finally {
      await service.end();
    }
  });

  it("refuses to make the owner's own login the platform API's (which would strip its CREATEROLE)", async () => {
    await expect(ensurePlatformApiDatabaseLogin(env.clusters.primary, TEST_OWNER_LOGIN)).rejects.toThrow("the platform API's login must not be the owner's login");
  });
});
