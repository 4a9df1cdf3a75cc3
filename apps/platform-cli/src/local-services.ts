import type { LocalCredentials } from './local-credentials';

/** A process `platform start` runs locally; in Kubernetes each is a Deployment or StatefulSet pod. */
export interface LocalService {
  readonly name: string;
  readonly entry: string;
  readonly port: number;
  readonly env?: Readonly<Record<string, string>>;
  /** What to print for a person to open. */
  readonly publicUrl?: string;
}

/** Local port of the storefront, where `<slug>.localhost` stores are served. */
const STOREFRONT_PORT = 8081;

/** Every service of the platform with its local port (see README, "Configuration"). */
export function localServices(env: NodeJS.ProcessEnv = process.env, credentials?: LocalCredentials, dataDir = '.data/local'): LocalService[] {
  const platformApiPort = Number(env.PLATFORM_API_PORT ?? 8080);
  return [
    {
      name: 'platform-api',
      entry: 'apps/platform-api/src/main.ts',
      port: platformApiPort,
      publicUrl: `http://localhost:${platformApiPort}`,
      env: {
        PLATFORM_STORE_URL_TEMPLATE: env.PLATFORM_STORE_URL_TEMPLATE ?? `http://{host}:${STOREFRONT_PORT}`,
        PLATFORM_EXPORT_DIR: env.PLATFORM_EXPORT_DIR ?? `${dataDir}/exports`,
        ...(credentials
          ? {
              PLATFORM_JWT_SECRET: credentials.jwtSecret,
              PLATFORM_ADMIN_EMAIL: credentials.adminEmail,
              PLATFORM_ADMIN_PASSWORD: credentials.adminPassword,
            }
          : {}),
      },
    },
  ];
}
