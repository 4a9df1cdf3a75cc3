/** A notifications shard in its own process (see startServiceProcess). */
import { startServiceProcess, type ServiceProcess } from '@storefront/testing';

export function startNotificationsProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ServiceProcess> {
  return startServiceProcess('notifications', 'apps/notifications/src/main.ts', env, timeoutMs);
}
