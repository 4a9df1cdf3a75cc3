import { startRedis, type RunningRedis } from '@storefront/dev-services';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A Redis server of one test's own, for fault tests that stop and restart it (never the run's shared one). */
export interface PrivateRedis {
  /** As the admin user. */
  readonly url: string;
  /** Each service's own login. */
  readonly urls: RunningRedis['urls'];
  /** SHUTDOWN: the append-only file is written, every client is dropped. */
  stop(): Promise<void>;
  /** Starts it again on the same data and port (its users are set up again, as at every start). */
  start(): Promise<void>;
  remove(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dataDir = mkdtempSync(join(tmpdir(), 'storefront-private-redis-'));
  const options = { dataDir, log: () => undefined };
  const first = await startRedis(options);
  let running: RunningRedis | undefined = first;
  return {
    url: first.url,
    urls: first.urls,
    stop: async () => {
      await running?.stop();
      running = undefined;
    },
    start: async () => {
      const restarted = await startRedis(options);
      if (restarted.port !== first.port) throw new Error('Redis came back on another port');
      running = restarted;
    },
    remove: async () => {
      await running?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
