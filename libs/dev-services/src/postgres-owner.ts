import { Client, escapeLiteral } from 'pg';

export interface PostgresLogin {
  readonly user: string;
  readonly password: string;
}

/**
 * The platform's owner on a server of our own (`npm start`, tests), made by its superuser: it may
 * create roles (tenant roles, storefront and service logins) and nothing more; no SUPERUSER,
 * CREATEDB, REPLICATION or BYPASSRLS, as in a cluster. Owning a database gives it the rest it needs
 * there: CREATE (schemas, the trusted pg_trgm extension) and revoking TEMPORARY from PUBLIC.
 */
export async function ensureOwnerLogin(admin: Client, login: PostgresLogin): Promise<void> {
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login.user]);
  await admin.query(
    `${exists.rowCount === 0 ? 'CREATE' : 'ALTER'} ROLE ${quoted(login.user)} LOGIN NOSUPERUSER CREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS PASSWORD ${escapeLiteral(login.password)}`,
  );
}

/**
 * Makes `login` (see ensureOwnerLogin) the owner of the database `adminUrl` names, as that URL's
 * superuser. Not when its platform schema exists with another owner: a data folder migrated as
 * the superuser before owner logins existed cannot be handed over wholesale (REASSIGN OWNED
 * refuses the bootstrap superuser's objects). Returns whether `login` owns the database now.
 */
export async function handDatabaseToOwner(adminUrl: string, login: PostgresLogin): Promise<boolean> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const platform = await admin.query<{ owner: string }>("SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'platform'");
    if (platform.rows.length > 0 && platform.rows[0]!.owner !== login.user) return false;
    await ensureOwnerLogin(admin, login);
    const [{ database }] = (await admin.query<{ database: string }>('SELECT current_database() AS database')).rows as [{ database: string }];
    await admin.query(`ALTER DATABASE ${quoted(database)} OWNER TO ${quoted(login.user)}`);
    return true;
  } finally {
    await admin.end();
  }
}

function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
