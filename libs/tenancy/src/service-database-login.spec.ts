import { testServiceDatabaseUrl } from '@storefront/testing';
import { Client } from 'pg';
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
