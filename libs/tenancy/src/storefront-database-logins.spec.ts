import { databaseUrlAs } from '@storefront/database';
import { Client } from 'pg';
import { privilegeOutcome, provisionTestTenant, useTestTenancy } from '../testing';
import { StorefrontDatabaseLogins, type StorefrontDatabaseLogin } from './storefront-database-logins';

const SECRET = 'a-platform-secret-of-at-least-32-bytes!!';

/**
 * What a compromised storefront Pod of store A can do with the database login its Secret holds:
 * each test connects exactly as that login and tries one thing it must not.
 */
describe("a store's storefront database login, as an attacker holding it", () => {
  const env = useTestTenancy();
  let logins: StorefrontDatabaseLogins;
  let a: Awaited<ReturnType<typeof provisionTestTenant>>;
  let b: Awaited<ReturnType<typeof provisionTestTenant>>;
  let loginOfA: StorefrontDatabaseLogin;
  let podOfA: Client;

  const urlAs = (login: StorefrontDatabaseLogin): string => databaseUrlAs((env.clusters.primary.options as { url: string }).url, login);

  beforeAll(async () => {
    logins = new StorefrontDatabaseLogins(env.clusters, SECRET);
    a = await provisionTestTenant(env.tenancy);
    b = await provisionTestTenant(env.tenancy);
    loginOfA = await logins.ensure(a.tenant);
    await logins.ensure(b.tenant);
    podOfA = new Client({ connectionString: urlAs(loginOfA) });
    await podOfA.connect();
  });

  afterAll(async () => {
    await podOfA?.end();
  });

  const refused = (sql: string) => privilegeOutcome(podOfA, sql);

  it("works in its own store: it switches to A's role and reads A's tables", async () => {
    await podOfA.query('BEGIN');
    await podOfA.query(`SET LOCAL ROLE "${a.tenant.roleName}"`);
    const products = await podOfA.query(`SELECT count(*) FROM "${a.tenant.schemaName}".products`);
    await podOfA.query('COMMIT');
    expect(products.rows).toHaveLength(1);
  });

  it("cannot SET ROLE to store B's role", async () => {
    expect(await refused(`SET ROLE "${b.tenant.roleName}"`)).toBe('refused');
  });

  it("after RESET ROLE reads none of store B's tables", async () => {
    await podOfA.query('RESET ROLE');
    expect(await refused(`SELECT * FROM "${b.tenant.schemaName}".products`)).toBe('refused');
    expect(await refused(`SELECT * FROM "${b.tenant.schemaName}".customers`)).toBe('refused');
  });

  it('reads no merchant accounts, audit log or outbox, and writes no registry table', async () => {
    await podOfA.query('RESET ROLE');
    expect(await refused('SELECT * FROM platform.merchants')).toBe('refused');
    expect(await refused('SELECT * FROM platform.audit_log')).toBe('refused');
    expect(await refused('SELECT * FROM platform.outbox')).toBe('refused');
    expect(await refused(`UPDATE platform.tenants SET status = 'active'`)).toBe('refused');
    expect(await refused(`DELETE FROM platform.domains`)).toBe('refused');
  });

  it("sees its own store's registry rows only: B's tenant, domains and shard rows are not there", async () => {
    await podOfA.query('RESET ROLE');
    const tenants = await podOfA.query<{ id: string }>('SELECT id FROM platform.tenants');
    expect(tenants.rows.map((row) => row.id)).toEqual([a.tenant.id]);
    const domains = await podOfA.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM platform.domains');
    expect(domains.rows.map((row) => row.tenant_id)).toEqual([a.tenant.id]);
    const shards = await podOfA.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM platform.shard_assignments');
    expect(shards.rows.map((row) => row.tenant_id)).toEqual([a.tenant.id]);
  });

  it('cannot connect without its password, nor with the password of an older generation', async () => {
    const wrong = new Client({ connectionString: urlAs({ user: loginOfA.user, password: logins.passwordOf(a.tenant.id, 7) }) });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
    const rotated = await logins.ensure(a.tenant, 1);
    const old = new Client({ connectionString: urlAs(loginOfA) });
    await expect(old.connect()).rejects.toThrow(/password authentication failed/);
    const fresh = new Client({ connectionString: urlAs(rotated) });
    await fresh.connect();
    await fresh.end();
    await logins.ensure(a.tenant); // back to generation 0 for the other tests
  });
});
