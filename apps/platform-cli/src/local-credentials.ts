import { SecretKeyring } from '@storefront/credentials';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Secrets `npm start` hands to the platform API; generated once per checkout and kept under .data/local. */
export interface LocalCredentials {
  readonly jwtSecret: string;
  /** Signs service-to-service tokens (storefront -> checkout). */
  readonly serviceTokenSecret: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  /** Password of the shared services' database login (checkout, search, notifications, storefront). */
  readonly serviceDatabasePassword: string;
  /** Seals stores' payment provider secrets; the checkout shards alone get it. */
  readonly secretsKeyring: string;
  /** Password of the owner login (platform API, migrations, provisioning) on the private PostgreSQL. */
  readonly ownerDatabasePassword: string;
}

export const LOCAL_ADMIN_EMAIL = 'admin@example.com';

/**
 * Local defaults only: random, not a constant in the code, so a laptop install never shares a
 * secret with another. PLATFORM_JWT_SECRET / PLATFORM_ADMIN_EMAIL / PLATFORM_ADMIN_PASSWORD win.
 */
export function localCredentials(file: string, env: NodeJS.ProcessEnv = process.env): LocalCredentials {
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalCredentials>) : {};
  const stored: LocalCredentials = {
    jwtSecret: existing.jwtSecret ?? randomBytes(32).toString('base64url'),
    serviceTokenSecret: existing.serviceTokenSecret ?? randomBytes(32).toString('base64url'),
    adminEmail: existing.adminEmail ?? LOCAL_ADMIN_EMAIL,
    adminPassword: existing.adminPassword ?? randomBytes(12).toString('base64url'),
    serviceDatabasePassword: existing.serviceDatabasePassword ?? randomBytes(24).toString('base64url'),
    secretsKeyring: existing.secretsKeyring ?? SecretKeyring.generateSpec(),
    ownerDatabasePassword: existing.ownerDatabasePassword ?? randomBytes(24).toString('base64url'),
  };
  if (JSON.stringify(existing) !== JSON.stringify(stored)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    jwtSecret: env.PLATFORM_JWT_SECRET ?? stored.jwtSecret,
    serviceTokenSecret: env.PLATFORM_SERVICE_TOKEN_SECRET ?? stored.serviceTokenSecret,
    adminEmail: env.PLATFORM_ADMIN_EMAIL ?? stored.adminEmail,
    adminPassword: env.PLATFORM_ADMIN_PASSWORD ?? stored.adminPassword,
    serviceDatabasePassword: stored.serviceDatabasePassword,
    secretsKeyring: env.PLATFORM_SECRETS_KEYRING ?? stored.secretsKeyring,
    ownerDatabasePassword: stored.ownerDatabasePassword,
  };
}
