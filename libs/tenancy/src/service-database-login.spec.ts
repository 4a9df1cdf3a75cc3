import { databaseUrlAs, ensureServiceDatabaseLogin } from '@storefront/database';
import { maintenanceUrlOf, TEST_OWNER_LOGIN, testDatabaseAdminUrl, testDatabaseUrl, testServiceDatabaseUrl } from '@storefront/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { privilegeOutcome, provisionTestTenant, useTestTenancy } from '../testing';

/**
 * What a compromised checkout, search or notifications Pod can do with the shared services'
 * database login: it reaches a tenant only by SET ROLE inside a transaction, as the unit of work
 * does, and by itself reads the registry and nothing of any tenant.
 */
describe("the shared services' database login, as an attacker holding it", () => {
  const env = useTestTenancy();
  let store: Awaited<ReturnType<typeof provisionTestTenant>>;
  let service: Client;

  beforeAll(async () => {
    store = await provisionTestTenant(env.tenancy);
    service = new Client({ connectionString: await testServiceDatabaseUrl() });
    await service.connect();
  });

  afterAll(async () => {
    await service?.end();
  });

  const attempt = (sql: string) => privilegeOutcome(service, sql);

  it("reaches a tenant's tables only by SET LOCAL ROLE inside a transaction, as the unit of work does", async () => {
    await service.query('BEGIN');
    await service.query(`SET LOCAL ROLE "${store.tenant.roleName}"`);
    const rows = await service.query(`SELECT count(*) FROM "${store.tenant.schemaName}".products`);
    await service.query('COMMIT');
    expect(rows.rows).toHaveLength(1);
  });

  it('after RESET ROLE reads no tenant row: membership through the switch role carries no privileges', async () => {
    await service.query('RESET ROLE');
    expect(await attempt(`SELECT * FROM "${store.tenant.schemaName}".products`)).toBe('refused');
    expect(await attempt(`SELECT * FROM "${store.tenant.schemaName}".customers`)).toBe('refused');
    expect(await attempt(`SELECT * FROM "${store.tenant.schemaName}".orders`)).toBe('refused');
  });

  it('reads the registry it routes by and the merchant email, never a password hash or an admin', async () => {
    await service.query('RESET ROLE');
    expect(await attempt('SELECT id, status, cluster_id FROM platform.tenants')).toBe('allowed');
    expect(await attempt('SELECT tenant_id, service, shard FROM platform.shard_assignments')).toBe('allowed');
    expect(await attempt('SELECT email FROM platform.merchants')).toBe('allowed');
    expect(await attempt('SELECT password_hash FROM platform.merchants')).toBe('refused');
    expect(await attempt('SELECT * FROM platform.platform_admins')).toBe('refused');
    expect(await attempt('SELECT * FROM platform.audit_log')).toBe('refused');
  });

  it('writes no registry table, no audit entry, no forged event, and creates nothing', async () => {
    await service.query('RESET ROLE');
    expect(await attempt(`UPDATE platform.tenants SET status = 'active'`)).toBe('refused');
    expect(await attempt(`UPDATE platform.shard_assignments SET shard = 0`)).toBe('refused');
    expect(await attempt('DELETE FROM platform.merchants')).toBe('refused');
    expect(await attempt(`INSERT INTO platform.audit_log (actor, action) VALUES ('x', 'y')`)).toBe('refused');
    expect(
      await attempt(`INSERT INTO platform.outbox (event_id, tenant_id, event_type, payload) VALUES (gen_random_uuid(), '${store.tenant.id}', 'order.placed', '{}')`),
    ).toBe('refused');
    expect(await attempt('CREATE SCHEMA attacker')).toBe('refused');
    // Nor a temporary table, which would shadow a tenant's table on a pooled connection.
    await service.query('BEGIN');
    await service.query(`SET LOCAL ROLE "${store.tenant.roleName}"`);
    const temporary = await attempt('CREATE TEMPORARY TABLE products (id int)');
    await service.query('ROLLBACK');
    expect(temporary).toBe('refused');
    expect(await attempt(`GRANT "${store.tenant.roleName}" TO CURRENT_USER`)).toBe('refused');
  });
});

describe('ensureServiceDatabaseLogin, as the owner (no superuser) runs it', () => {
  const env = useTestTenancy();
  let admin: Client;
  const roleAttributes = async (user: string) =>
    (await admin.query('SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1', [user])).rows[0];

  beforeAll(async () => {
    admin = new Client({ connectionString: maintenanceUrlOf(testDatabaseAdminUrl()) });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
  });

  it('runs as the owner tests and migrations use: CREATEROLE, owner of the database, never a superuser', async () => {
    const [{ login, database_owner }] = await env.clusters.primary.query(
      'SELECT session_user AS login, (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS database_owner',
    );
    expect({ login, database_owner }).toEqual({ login: TEST_OWNER_LOGIN.user, database_owner: TEST_OWNER_LOGIN.user });
    expect(await roleAttributes(TEST_OWNER_LOGIN.user)).toEqual({ rolsuper: false, rolcreaterole: true, rolcreatedb: false, rolbypassrls: false, rolcanlogin: true });
  });

  it("refuses to make the owner's own login the service login, which would take the owner's CREATEROLE", async () => {
    // An owner of its own, so that the test cannot strip the run's owner when the refusal is gone.
    const owner = { user: `owner_${randomBytes(6).toString('hex')}`, password: randomBytes(16).toString('hex') };
    await admin.query(`CREATE ROLE "${owner.user}" LOGIN CREATEROLE PASSWORD '${owner.password}'`);
    // With the admin option, nothing but the refusal stops the change from going through.
    await admin.query(`GRANT platform_service TO "${owner.user}" WITH ADMIN OPTION`);
    const asOwner = new DataSource({ type: 'postgres', url: databaseUrlAs(await testDatabaseUrl(), owner) });
    await asOwner.initialize();
    try {
      await expect(ensureServiceDatabaseLogin(asOwner, owner)).rejects.toThrow("the service login must not be the owner's login");
      expect(await roleAttributes(owner.user)).toMatchObject({ rolcreaterole: true });
    } finally {
      await asOwner.destroy();
      await admin.query(`DROP ROLE "${owner.user}"`);
    }
  });

  it('refuses to take over an existing role with BYPASSRLS or REPLICATION as the service login', async () => {
    for (const power of ['BYPASSRLS', 'REPLICATION']) {
      const user = `powerful_${randomBytes(6).toString('hex')}`;
      await admin.query(`CREATE ROLE "${user}" LOGIN ${power}`);
      try {
        await expect(ensureServiceDatabaseLogin(env.clusters.primary, { user, password: 'a-password-of-its-own' })).rejects.toThrow('refusing it as a login');
        const { rows } = await admin.query("SELECT pg_has_role($1, 'platform_service', 'MEMBER') AS member", [user]);
        expect({ power, member: rows[0].member }).toEqual({ power, member: false });
      } finally {
        await admin.query(`DROP ROLE "${user}"`);
      }
    }
  });
});
