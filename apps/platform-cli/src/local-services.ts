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
  // Shard i of checkout listens on base + i, which is what the shard router computes.
  const checkoutBasePort = Number(env.PLATFORM_CHECKOUT_BASE_PORT ?? 8090);
  const checkoutShards = Number(env.PLATFORM_CHECKOUT_SHARDS ?? 2);
  return [
    {
      name: 'platform-api',
      entry: 'apps/platform-api/src/main.ts',
      port: platformApiPort,
      publicUrl: `http://localhost:${platformApiPort}`,
    },
    ...Array.from({ length: checkoutShards }, (_, shard) => ({
      name: `checkout-${shard}`,
      entry: 'apps/checkout/src/main.ts',
      port: checkoutBasePort + shard,
      env: { PLATFORM_SHARD_ID: String(shard) },
    })),
  ];
}
