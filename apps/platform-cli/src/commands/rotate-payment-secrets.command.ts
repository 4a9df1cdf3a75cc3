import { databaseUrlsOf, loadConfig, loadConfigOrExit, postgresUrl, tenantDatabaseUrls } from '@storefront/config';
import { SealedSecretUnreadableError, SecretKeyring } from '@storefront/credentials';
import { DatabaseClusters } from '@storefront/database';
import { rewrapPaymentSecrets } from '@storefront/orders';
import { tenantContextFor, TenantUnitOfWork } from '@storefront/tenancy';
import { z } from 'zod';

const rotationConfigSchema = z.object({
  DATABASE_URL: postgresUrl,
  PLATFORM_TENANT_DATABASE_URLS: tenantDatabaseUrls,
  PLATFORM_SECRETS_KEYRING: z.string({ error: 'is required: the keyring with the new key first and the old ones after it' }).min(1),
});

/**
 * Second step of rotating the payment secrets key (ADR 0057): with the new key first in
 * PLATFORM_SECRETS_KEYRING (and the checkout shards already running with it), re-wraps every
 * store's sealed secrets under it, one store per transaction, printing progress. Safe to run
 * again; once it reports 0 moved, the old key may leave the keyring.
 */
export async function rotatePaymentSecretsCommand(env: NodeJS.ProcessEnv = process.env, out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  const config = loadConfigOrExit(() => loadConfig(rotationConfigSchema, env));
  const keyring = new SecretKeyring(config.PLATFORM_SECRETS_KEYRING);
  const clusters = new DatabaseClusters({ urls: databaseUrlsOf(config), poolSize: 2, applicationName: 'rotate-payment-secrets' });
  await clusters.initialize();
  try {
    const uow = new TenantUnitOfWork(clusters);
    const tenants: { id: string; slug: string; cluster_id: string }[] = await clusters.primary.query(
      "SELECT id, slug, cluster_id FROM platform.tenants WHERE status IN ('active', 'suspended') ORDER BY slug",
    );
    let moved = 0;
    const unreadable: string[] = [];
    for (const [index, tenant] of tenants.entries()) {
      const ctx = tenantContextFor({ id: tenant.id, clusterId: tenant.cluster_id }, 'rotate-payment-secrets');
      try {
        if (await rewrapPaymentSecrets(uow, ctx, keyring)) moved++;
      } catch (error) {
        // A key missing from the keyring, or a tampered row: the others still move; this one is named.
        if (!(error instanceof SealedSecretUnreadableError)) throw error;
        unreadable.push(tenant.slug);
        out(`${tenant.slug}: ${error.message}`);
      }
      if ((index + 1) % 100 === 0 || index + 1 === tenants.length) out(`${index + 1}/${tenants.length} stores checked, ${moved} re-wrapped`);
    }
    if (unreadable.length > 0) {
      out(`done with errors: ${unreadable.length} store(s) could not be opened with this keyring (${unreadable.join(', ')}); keep the old keys`);
      return 1;
    }
    out(`done: ${moved} store(s) re-wrapped under the current key; ${moved === 0 ? 'the older keys may now leave the keyring' : 'run again to confirm nothing is left'}`);
    return 0;
  } finally {
    await clusters.destroy();
  }
}
