/** A process `platform start` runs locally; in Kubernetes each is a Deployment or StatefulSet pod. */
export interface LocalService {
  readonly name: string;
  readonly entry: string;
  readonly port: number;
  readonly env?: Readonly<Record<string, string>>;
  /** What to print for a person to open. */
  readonly publicUrl?: string;
}

/** Every service of the platform with its local port (see README, "Configuration"). */
export function localServices(env: NodeJS.ProcessEnv = process.env): LocalService[] {
  const platformApiPort = Number(env.PLATFORM_API_PORT ?? 8080);
  return [
    {
      name: 'platform-api',
      entry: 'apps/platform-api/src/main.ts',
      port: platformApiPort,
      publicUrl: `http://localhost:${platformApiPort}`,
    },
  ];
}
