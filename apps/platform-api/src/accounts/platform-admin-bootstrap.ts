import { PlatformAdminEntity, type DatabaseClusters } from '@storefront/database';
import { randomUUID } from 'node:crypto';
import { normaliseEmail } from './account-directory';
import type { PasswordHasher } from '@storefront/credentials';

/**
 * Creates the first platform admin from PLATFORM_ADMIN_EMAIL / PLATFORM_ADMIN_PASSWORD when it
 * does not exist yet. An existing admin keeps its password: the environment seeds, it does not reset.
 */
export async function bootstrapPlatformAdmin(
  clusters: DatabaseClusters,
  hasher: PasswordHasher,
  credentials: { email: string; password: string },
): Promise<'created' | 'exists'> {
  const email = normaliseEmail(credentials.email);
  const result = await clusters.primary
    .createQueryBuilder()
    .insert()
    .into(PlatformAdminEntity)
    .values({ id: randomUUID(), email, passwordHash: await hasher.hash(credentials.password) })
    .orIgnore()
    .execute();
  return (result.raw as unknown[]).length > 0 ? 'created' : 'exists';
}
