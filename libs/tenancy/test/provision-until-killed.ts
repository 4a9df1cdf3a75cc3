/**
 * Test helper process: provisions one tenant and SIGKILLs itself right after the step named in
 * KILL_AFTER_STEP, leaving whatever that step had committed, like a crash of the real process.
 */
import { DatabaseClusters } from '@storefront/database';
import Redis from 'ioredis';
import { createTenancyServices } from '../src';

async function main(): Promise<void> {
  const [databaseUrl, redisUrl, tenantId, slug, killAfter] = process.argv.slice(2) as [string, string, string, string, string];
  const clusters = new DatabaseClusters({ urls: { main: databaseUrl } });
  await clusters.initialize();
  const tenancy = createTenancyServices({
    clusters,
    redis: new Redis(redisUrl),
    platformDomain: 'shop.test',
    shardCounts: { checkout: 2, search: 2, notifications: 2 },
    afterProvisioningStep: (step) => {
      if (step === killAfter) process.kill(process.pid, 'SIGKILL');
    },
  });
  await tenancy.provisioner.provision({ tenantId, slug, name: slug });
}

void main();
