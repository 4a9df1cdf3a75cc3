import { escapeLiteral } from 'pg';
import type { DataSource } from 'typeorm';
import { SERVICE_GROUP_ROLE } from './platform-migrations';

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
export async function ensureServiceDatabaseLogin(owner: DataSource, login: DatabaseLogin): Promise<void> {
  if (!LOGIN_NAME.test(login.user)) throw new Error(`not a login name: ${JSON.stringify(login.user)}`);
  await owner.transaction(async (manager) => {
    // A service URL that names the owner by mistake would strip the owner's own CREATEROLE.
    const [{ session_user: self }] = await manager.query('SELECT session_user');
    if (self === login.user) throw new Error(`the service login must not be the owner's login (${login.user})`);
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [login.user]);
    const existing = await manager.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login.user]);
    const verb = existing.length === 0 ? 'CREATE' : 'ALTER';
    await manager.query(
      `${verb} ROLE "${login.user}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${escapeLiteral(login.password)}`,
    );
    await manager.query(`GRANT ${SERVICE_GROUP_ROLE} TO "${login.user}"`);
  });
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

