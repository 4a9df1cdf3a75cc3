import { startPostgres, type RunningPostgres } from '@storefront/dev-services';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preparePlatformDatabase, type PlatformDatabase } from './platform-database';

const DATABASE = 'storefront';

/**
 * A PostgreSQL server of one test's own, with a platform database: for fault tests that stop
 * and restart the server, which the run's shared server must never be.
 */
export interface PrivatePostgres extends PlatformDatabase {
  /** Stops the server (fast shutdown: open sessions are ended, as in a failover or restart). */
  stop(): Promise<void>;
  /** Starts it again on the same data and port, so clients reconnect with their URL. */
  start(): Promise<void>;
  /** Stops it if running and deletes its data. */
  remove(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  // Under the system temporary folder: PostgreSQL runs as its own user, which must reach the data.
  const parent = mkdtempSync(join(tmpdir(), 'storefront-private-pg-'));
  chmodSync(parent, 0o755);
  const dataDir = join(parent, 'data');
  const options = { dataDir, mode: 'fast' as const, database: 'postgres', log: () => undefined };
  let server: RunningPostgres | undefined = await startPostgres(options);
  const database = await preparePlatformDatabase(server.url, DATABASE);
  return {
    ...database,
    stop: async () => {
      await server?.stop();
      server = undefined;
    },
    start: async () => {
      const restarted = await startPostgres(options);
      if (new URL(restarted.url).port !== new URL(database.ownerUrl).port) throw new Error('PostgreSQL came back on another port');
      server = restarted;
    },
    remove: async () => {
      await server?.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
