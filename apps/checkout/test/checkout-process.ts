/** A checkout shard in its own process (see startServiceProcess). */
import { startServiceProcess, type ServiceProcess } from '@storefront/testing';

export type CheckoutProcess = ServiceProcess;

export function startCheckoutProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<CheckoutProcess> {
  return startServiceProcess('checkout', 'apps/checkout/src/main.ts', env, timeoutMs);
}
