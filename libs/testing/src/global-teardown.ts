import { findSecretCanariesInLogs } from './test-logs';

/**
 * Stops the servers the global setup started (not ones given by DATABASE_URL / REDIS_URL), then
 * fails the run if a secret the tests handed to the platform was written to any service's log.
 */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__storefrontTestEnvironment?.stop();
  const directory = process.env.TEST_LOG_DIR;
  if (!directory) return;
  const leaks = findSecretCanariesInLogs(directory);
  if (leaks.length > 0) {
    throw new Error(`secrets were written to service logs: ${leaks.map((leak) => `${leak.canary.slice(0, 12)}… in ${directory}/${leak.file}`).join('; ')}`);
  }
}
