import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_REDIS_USER, ALL_STOREFRONTS_REDIS_USER, SERVICE_REDIS_USERS, type PlatformApiRedisPrefixes, type RedisLogin } from '@storefront/redis-acl';
import { startPostgres, type DurabilityMode } from './postgres-server';
import { startRedis } from './redis-server';

export interface DevEnvironmentOptions {
  /** Folder under `.data/` for this use: `local` for `npm start`, `test` for the test suite. */
  readonly profile: string;
  readonly workspaceRoot: string;
  readonly mode: DurabilityMode;
  /** Start from empty data (tests); otherwise data persists between runs. */
  readonly fresh?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
  /** Where the platform API keeps its Redis keys (the tests' prefixes); default production's. */
  readonly platformApiRedisPrefixes?: PlatformApiRedisPrefixes;
}

export interface DevEnvironment {
  readonly databaseUrl: string;
  /** As Redis's admin user (creates the others). */
  readonly redisUrl: string;
  /** Each service's own Redis login; all REDIS_URL when that names a server of your own. */
  readonly redisUrls: Readonly<Record<RedisLogin, string>>;
  /** Stops only what this call started; servers given by DATABASE_URL / REDIS_URL are left alone. */
  stop(): Promise<void>;
}

/**
 * Brings up PostgreSQL and Redis for one machine: the ones named by DATABASE_URL / REDIS_URL
 * when set, otherwise private servers under `.data/<profile>/` on free loopback ports.
 */
export async function startDevEnvironment(options: DevEnvironmentOptions): Promise<DevEnvironment> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`[dev-services] ${line}\n`));
  const profileDir = join(options.workspaceRoot, '.data', options.profile);
  const stops: Array<() => Promise<void>> = [];

  if (options.fresh && !env.DATABASE_URL && !env.REDIS_URL) {
    rmSync(profileDir, { recursive: true, force: true });
  }

  try {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const postgres = await startPostgres({
        dataDir: join(profileDir, 'postgres'),
        mode: options.mode,
        database: 'storefront',
        log,
      });
      databaseUrl = postgres.url;
      stops.push(postgres.stop);
    }
    let redisUrl = env.REDIS_URL;
    let redisUrls: Readonly<Record<RedisLogin, string>>;
    if (redisUrl) {
      const given = redisUrl;
      redisUrls = Object.fromEntries([ADMIN_REDIS_USER, ALL_STOREFRONTS_REDIS_USER, ...SERVICE_REDIS_USERS].map((login) => [login, given])) as Record<RedisLogin, string>;
    } else {
      const redis = await startRedis({ dataDir: join(profileDir, 'redis'), log, ...(options.platformApiRedisPrefixes ? { platformApiPrefixes: options.platformApiRedisPrefixes } : {}) });
      redisUrl = redis.url;
      redisUrls = redis.urls;
      stops.push(redis.stop);
    }
    return {
      databaseUrl,
      redisUrl,
      redisUrls,
      stop: async () => {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}
