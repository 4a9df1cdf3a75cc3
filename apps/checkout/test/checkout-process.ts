/** A checkout shard in its own process (see startServiceProcess). */
import { startServiceProcess, testServiceDatabaseUrl, type ServiceProcess } from '@storefront/testing';

export type CheckoutProcess = ServiceProcess;

/** Startup compiles TypeScript on the fly: on a busy 2-core machine that can take a minute. */
export const CHECKOUT_START_TIMEOUT_MS = 120_000;

export function startCheckoutProcess(env: Record<string, string>, timeoutMs = CHECKOUT_START_TIMEOUT_MS): Promise<CheckoutProcess> {
  return startServiceProcess('checkout', 'apps/checkout/src/main.ts', env, timeoutMs);
}

/** The environment of a lone checkout shard 0 on the test database and Redis, plus `overrides`. */
export async function singleShardEnv(serviceTokenSecret: string, overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    DATABASE_URL: await testServiceDatabaseUrl(),
    REDIS_URL: process.env.TEST_REDIS_URL!,
    PLATFORM_SHARD_ID: '0',
    PLATFORM_SERVICE_TOKEN_SECRET: serviceTokenSecret,
    ...overrides,
  };
}
