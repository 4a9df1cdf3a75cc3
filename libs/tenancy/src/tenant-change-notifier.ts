import type Redis from 'ioredis';

/**
 * Redis channels on which processes hear that a tenant's routing data changed, one per tenant
 * (`platform:tenant-changed:<tenant>`), so a storefront's ACL user may listen on its store's only.
 */
export const TENANT_CHANGED_CHANNEL_PREFIX = 'platform:tenant-changed:';

export function tenantChangedChannel(tenantId: string): string {
  return `${TENANT_CHANGED_CHANNEL_PREFIX}${tenantId}`;
}

export interface TenantChange {
  readonly tenantId: string;
}

/**
 * Tells every process that a tenant's status or hosts changed, so their host caches drop it.
 * Pub/sub is fire-and-forget; caches also expire by TTL, which bounds staleness if a message is lost.
 */
export class TenantChangeNotifier {
  constructor(private readonly redis: Redis) {}

  async publish(change: TenantChange): Promise<void> {
    await this.redis.publish(tenantChangedChannel(change.tenantId), JSON.stringify(change));
  }

  /**
   * Subscribes on a dedicated connection (a subscribed connection can do nothing else): to one
   * tenant's channel when `tenantId` is given (a storefront Pod of one store), else to every
   * tenant's. The tenant comes from the channel, never from the message.
   */
  static async subscribe(subscriber: Redis, onChange: (change: TenantChange) => void, tenantId?: string): Promise<() => Promise<void>> {
    const heard = (channel: string): void => {
      if (!channel.startsWith(TENANT_CHANGED_CHANNEL_PREFIX)) return;
      const changed = channel.slice(TENANT_CHANGED_CHANNEL_PREFIX.length);
      if (changed && (tenantId === undefined || changed === tenantId)) onChange({ tenantId: changed });
    };
    if (tenantId !== undefined) {
      const channel = tenantChangedChannel(tenantId);
      const listener = (on: string): void => heard(on);
      subscriber.on('message', listener);
      await subscriber.subscribe(channel);
      return async () => {
        subscriber.off('message', listener);
        await subscriber.unsubscribe(channel);
      };
    }
    const pattern = tenantChangedChannel('*');
    const listener = (matched: string, on: string): void => {
      if (matched === pattern) heard(on);
    };
    subscriber.on('pmessage', listener);
    await subscriber.psubscribe(pattern);
    return async () => {
      subscriber.off('pmessage', listener);
      await subscriber.punsubscribe(pattern);
    };
  }
}
