import type { RedisLogin } from '@storefront/redis-acl';
import type { LocalCredentials } from './local-credentials';

/** A process `platform start` runs locally; in Kubernetes each is a Deployment or StatefulSet pod. */
export interface LocalService {
  readonly name: string;
  /** Its compiled entry point under dist/ (`npm run build`), relative to the workspace root. */
  readonly entry: string;
  readonly port: number;
  /** Its own Redis user, as in Kubernetes (the local storefront serves every store: `storefront`). */
  readonly redisUser: RedisLogin;
  readonly env?: Readonly<Record<string, string>>;
  /** What to print for a person to open. */
  readonly publicUrl?: string;
}

/** Every service of the platform with its local port (see README, "Configuration"). */
export function localServices(
  env: NodeJS.ProcessEnv = process.env,
  credentials?: LocalCredentials,
  dataDir = '.data/local',
  /** The local mail folder's SMTP URL; a PLATFORM_SMTP_URL of your own wins. */
  localSmtpUrl?: string,
): LocalService[] {
  const platformApiPort = Number(env.PLATFORM_API_PORT ?? 8080);
  // Where `<slug>.localhost` stores are served.
  const storefrontPort = Number(env.PLATFORM_STOREFRONT_PORT ?? 8081);
  // Shard i of a sharded service listens on its base port + i, which is what the shard router computes.
  const checkoutBasePort = Number(env.PLATFORM_CHECKOUT_BASE_PORT ?? 8090);
  const checkoutShards = localShardCounts(env).checkout;
  const searchBasePort = Number(env.PLATFORM_SEARCH_BASE_PORT ?? 8100);
  const searchShards = localShardCounts(env).search;
  const notificationsBasePort = Number(env.PLATFORM_NOTIFICATIONS_BASE_PORT ?? 8110);
  const notificationsShards = localShardCounts(env).notifications;
  const domain = env.PLATFORM_DOMAIN ?? 'localhost';
  return [
    {
      name: 'platform-api',
      entry: 'dist/apps/platform-api/src/main.js',
      port: platformApiPort,
      redisUser: 'platform-api',
      publicUrl: `http://localhost:${platformApiPort}  (console: http://localhost:${platformApiPort}/console/)`,
      env: {
        PLATFORM_STORE_URL_TEMPLATE: env.PLATFORM_STORE_URL_TEMPLATE ?? `http://{host}:${storefrontPort}`,
        // Tenant exports and media: the filesystem driver under .data unless object storage is configured.
        PLATFORM_OBJECT_STORAGE_DIRECTORY: env.PLATFORM_OBJECT_STORAGE_DIRECTORY ?? `${dataDir}/objects`,
        // Merchants may register a webhook receiver on this machine, which the notifications shards below deliver to.
        PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
        ...(credentials
          ? {
              PLATFORM_JWT_SECRET: credentials.jwtSecret,
              PLATFORM_ADMIN_EMAIL: credentials.adminEmail,
              PLATFORM_ADMIN_PASSWORD: credentials.adminPassword,
            }
          : {}),
      },
    },
    {
      name: 'storefront',
      entry: 'dist/apps/storefront/src/main.js',
      port: storefrontPort,
      redisUser: 'storefront',
      publicUrl: `http://<store>.${domain}:${storefrontPort}  (demo: http://demo.${domain}:${storefrontPort})`,
    },
    // Only checkout opens stores' sealed payment secrets, so only checkout gets the keyring.
    ...shardProcesses('checkout', checkoutShards, checkoutBasePort, credentials ? { PLATFORM_SECRETS_KEYRING: credentials.secretsKeyring } : {}),
    ...shardProcesses('search', searchShards, searchBasePort),
    // Email goes to the local mail folder unless PLATFORM_SMTP_URL names a server; webhooks may reach a receiver on this machine.
    ...shardProcesses('notifications', notificationsShards, notificationsBasePort, {
      PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
      ...(localSmtpUrl && !env.PLATFORM_SMTP_URL ? { PLATFORM_SMTP_URL: localSmtpUrl } : {}),
    }),
  ];
}

/** Shard i of a sharded service listens on base + i, which is what the shard router computes. */
function shardProcesses(
  service: 'checkout' | 'search' | 'notifications',
  count: number,
  basePort: number,
  env: Readonly<Record<string, string>> = {},
): LocalService[] {
  return Array.from({ length: count }, (_, shard) => ({
    name: `${service}-${shard}`,
    entry: `dist/apps/${service}/src/main.js`,
    port: basePort + shard,
    redisUser: service,
    env: { PLATFORM_SHARD_ID: String(shard), ...env },
  }));
}

/** Shard counts as every local process sees them (the same environment reaches all). */
export function localShardCounts(env: NodeJS.ProcessEnv = process.env): { checkout: number; search: number; notifications: number } {
  return {
    checkout: Number(env.PLATFORM_CHECKOUT_SHARDS ?? 2),
    search: Number(env.PLATFORM_SEARCH_SHARDS ?? 2),
    notifications: Number(env.PLATFORM_NOTIFICATIONS_SHARDS ?? 2),
  };
}
