import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { handDatabaseToOwner } from './postgres-owner';

/** The test server's superuser; this spec plays the part `npm start` gives it. */
function adminUrlFor(database: string): string {
  const url = process.env.TEST_DATABASE_ADMIN_URL;
  if (!url) throw new Error('TEST_DATABASE_ADMIN_URL is not set: run tests through jest.config.js (global setup)');
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("handing npm start's database to an owner login", () => {
  const suffix = randomBytes(4).toString('hex');
  const login = { user: `handover_${suffix}_owner`, password: randomBytes(16).toString('hex') };
  const fresh = `handover_${suffix}_fresh`;
  const legacy = `handover_${suffix}_legacy`;

  beforeAll(async () => {
    await query(adminUrlFor('postgres'), `CREATE DATABASE "${fresh}"`);
    await query(adminUrlFor('postgres'), `CREATE DATABASE "${legacy}"`);
    // Migrated as the superuser, as data folders were before owner logins.
    await query(adminUrlFor(legacy), 'CREATE SCHEMA platform');
  });

  afterAll(async () => {
    for (const database of [fresh, legacy]) await query(adminUrlFor('postgres'), `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await query(adminUrlFor('postgres'), `DROP ROLE IF EXISTS "${login.user}"`);
  });

  it('makes a login that owns a fresh database, may create roles and schemas there, and is no superuser; again with a new password', async () => {
    expect(await handDatabaseToOwner(adminUrlFor(fresh), login)).toBe(true);
    const asOwner = new URL(adminUrlFor(fresh));
    asOwner.username = login.user;
    asOwner.password = login.password;
    await query(asOwner.toString(), 'CREATE SCHEMA platform');
    const [attributes] = await query(
      asOwner.toString(),
      `SELECT session_user AS login, (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS owner,
              rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls
         FROM pg_roles WHERE rolname = session_user`,
    );
    expect(attributes).toEqual({ login: login.user, owner: login.user, rolsuper: false, rolcreaterole: true, rolcreatedb: false, rolreplication: false, rolbypassrls: false });

    // Its own platform schema does not stop a second start, which sets the password it is given.
    asOwner.password = randomBytes(16).toString('hex');
    expect(await handDatabaseToOwner(adminUrlFor(fresh), { ...login, password: asOwner.password })).toBe(true);
    expect(await query(asOwner.toString(), 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('leaves a database whose platform schema the superuser owns as it is', async () => {
    expect(await handDatabaseToOwner(adminUrlFor(legacy), { ...login, password: randomBytes(16).toString('hex') })).toBe(false);
    expect(await query(adminUrlFor(legacy), 'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()')).toEqual([{ owner: 'postgres' }]);
  });
});
