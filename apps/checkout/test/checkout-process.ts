/** A checkout shard in its own process (see startServiceProcess). */
import { startServiceProcess, type ServiceProcess } from '@storefront/testing';

export type CheckoutProcess = ServiceProcess;

/** Startup compiles TypeScript on the fly: on a busy 2-core machine that can take a minute. */
export const CHECKOUT_START_TIMEOUT_MS = 120_000;

export function startCheckoutProcess(env: Record<string, string>, timeoutMs = CHECKOUT_START_TIMEOUT_MS): Promise<CheckoutProcess> {
  return startServiceProcess('checkout', 'apps/checkout/src/main.ts', env, timeoutMs);
}
