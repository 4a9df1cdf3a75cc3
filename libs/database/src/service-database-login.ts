import { escapeLiteral } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { PLATFORM_API_GROUP_ROLE, SERVICE_GROUP_ROLE } from './platform-migrations';

export interface DatabaseLogin {
  readonly user: string;
  readonly password: string;
}

const LOGIN_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates (or sets the password of) the shared services' login: a member of `platform_service`
 * and nothing else, so it owns nothing and reaches tenants only by SET ROLE. Run by whoever owns
 * the platform schema (`npm start`, the test setup; in a cluster, the migrations Job).
 */
export function ensureServiceDatabaseLogin(owner: DataSource, login: DatabaseLogin): Promise<void> {
  return ensureGroupLogin(owner, login, SERVICE_GROUP_ROLE, 'the service login');
}

/**
 * Creates (or sets the password of) the platform API's own login for Kubernetes mode: a member of
 * `platform_api` only (registry, audit log append, tenant switch, the two drop functions).
 */
export function ensurePlatformApiDatabaseLogin(owner: DataSource, login: DatabaseLogin): Promise<void> {
  return ensureGroupLogin(owner, login, PLATFORM_API_GROUP_ROLE, "the platform API's login");
}

async function ensureGroupLogin(owner: DataSource, login: DatabaseLogin, group: string, what: string): Promise<void> {
  if (!LOGIN_NAME.test(login.user)) throw new Error(`not a login name: ${JSON.stringify(login.user)}`);
  await owner.transaction(async (manager) => {
    // A login URL that names the owner by mistake would strip the owner's own CREATEROLE.
    const [{ session_user: self }] = await manager.query('SELECT session_user');
    if (self === login.user) throw new Error(`${what} must not be the owner's login (${login.user})`);
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [login.user]);
    await ensurePlainLogin(manager, login);
    await manager.query(`GRANT ${group} TO "${login.user}"`);
  });
}

/**
 * Creates `login` as a login with no powers, or sets the password of the one that exists (callers
 * hold an advisory lock on its name). The owner is no superuser, and PostgreSQL 15 lets only a
 * superuser name SUPERUSER, REPLICATION or BYPASSRLS in ALTER ROLE, even to turn them off: an
 * existing role is checked for them instead, and refused when it has any.
 */
export async function ensurePlainLogin(manager: EntityManager, login: DatabaseLogin): Promise<void> {
  const existing: { powers: boolean }[] = await manager.query(
    'SELECT rolsuper OR rolreplication OR rolbypassrls AS powers FROM pg_roles WHERE rolname = $1',
    [login.user],
  );
  // A password cannot be a bind parameter in DDL; escapeLiteral quotes it.
  const password = escapeLiteral(login.password);
  if (existing.length === 0) {
    await manager.query(`CREATE ROLE "${login.user}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${password}`);
    return;
  }
  if (existing[0]!.powers) throw new Error(`${login.user} exists with SUPERUSER, REPLICATION or BYPASSRLS: refusing it as a login`);
  await manager.query(`ALTER ROLE "${login.user}" LOGIN NOCREATEDB NOCREATEROLE PASSWORD ${password}`);
}

/** The login a postgres:// URL names, its user and password decoded. */
export function databaseLoginOf(url: string): DatabaseLogin {
  const parsed = new URL(url);
  return { user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
}

/** `url` with the login's user and password in it. */
export function databaseUrlAs(url: string, login: DatabaseLogin): string {
  const parsed = new URL(url);
  parsed.username = login.user;
  parsed.password = login.password;
  return parsed.toString();
}

