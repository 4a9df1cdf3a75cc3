import type Redis from 'ioredis';

/** Redis channel on which every process hears that a tenant's routing data changed. */
export const TENANT_CHANGED_CHANNEL = 'platform:tenant-changed';

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
    await this.redis.publish(TENANT_CHANGED_CHANNEL, JSON.stringify(change));
  }

  /** Subscribes on a dedicated connection (a subscribed connection can do nothing else). */
  static async subscribe(subscriber: Redis, onChange: (change: TenantChange) => void): Promise<() => Promise<void>> {
    const listener = (channel: string, message: string): void => {
      if (channel !== TENANT_CHANGED_CHANNEL) return;
      try {
        const parsed = JSON.parse(message) as Partial<TenantChange>;
        if (typeof parsed.tenantId === 'string') onChange({ tenantId: parsed.tenantId });
      } catch {
        // A malformed message is ignored; the TTL still bounds staleness.
      }
    };
    subscriber.on('message', listener);
    await subscriber.subscribe(TENANT_CHANGED_CHANNEL);
    return async () => {
      subscriber.off('message', listener);
      await subscriber.unsubscribe(TENANT_CHANGED_CHANNEL);
    };
  }
}
