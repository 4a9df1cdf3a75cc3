import type Redis from 'ioredis';
import { LRUCache } from 'lru-cache';

/** The storefront's cache of catalog, settings and category reads; merchant writes invalidate it. */
export const CATALOG_CACHE_NAMESPACE = 'catalog';

export interface TenantCacheOptions {
  /** Name of what is cached (`catalog`); part of every key and of the invalidation channel. */
  readonly namespace: string;
  /** A regular connection for reads and writes. */
  readonly redis: Redis;
  /** A connection of its own, put in subscriber mode by `start()`. */
  readonly subscriber: Redis;
  /**
   * A process that serves one store only (its storefront Pod) listens on that store's channel;
   * without it, on every store's (a pattern subscription).
   */
  readonly tenantId?: string;
  readonly localMaxEntries?: number;
  /** In-process staleness bound should an invalidation message be lost. */
  readonly localTtlMs?: number;
  readonly sharedTtlSeconds?: number;
  /** Off: every read goes to the loader (to measure or debug the uncached path). */
  readonly enabled?: boolean;
}

/**
 * Two-level cache of tenant data: an in-process LRU in front of Redis. Every key carries the
 * tenant id, and Redis keys also carry the tenant's cache version, so `invalidate(tenant)` is one
 * INCR (old Redis entries become unreachable and expire) plus a pub/sub message on which every
 * process drops that tenant's in-process entries.
 */
export class TenantCache {
  private readonly local: LRUCache<string, { value: unknown }>;
  /** Same TTL as entries: a lost message cannot pin an old version for longer than that. */
  private readonly versions: LRUCache<string, string>;
  /** The channel (one store's) or the pattern (every store's) this process listens on. */
  private readonly subscription: string;
  /** The tenant comes from the channel, never the message: a publisher may speak for its store only. */
  private readonly onMessage = (channel: string): void => {
    const tenantId = tenantOfInvalidationChannel(this.options.namespace, channel);
    if (tenantId !== undefined && (this.options.tenantId === undefined || tenantId === this.options.tenantId)) this.dropLocal(tenantId);
  };
  private readonly onPatternMessage = (pattern: string, channel: string): void => {
    if (pattern === this.subscription) this.onMessage(channel);
  };

  constructor(private readonly options: TenantCacheOptions) {
    this.subscription = invalidationChannel(options.namespace, options.tenantId ?? '*');
    this.local = new LRUCache({ max: options.localMaxEntries ?? 10_000, ttl: options.localTtlMs ?? 30_000 });
    this.versions = new LRUCache({ max: options.localMaxEntries ?? 10_000, ttl: options.localTtlMs ?? 30_000 });
  }

  async start(): Promise<void> {
    const { subscriber, tenantId } = this.options;
    if (tenantId !== undefined) {
      subscriber.on('message', this.onMessage);
      await subscriber.subscribe(this.subscription);
    } else {
      subscriber.on('pmessage', this.onPatternMessage);
      await subscriber.psubscribe(this.subscription);
    }
  }

  async stop(): Promise<void> {
    const { subscriber } = this.options;
    subscriber.off('message', this.onMessage).off('pmessage', this.onPatternMessage);
    await (this.options.tenantId !== undefined ? subscriber.unsubscribe(this.subscription) : subscriber.punsubscribe(this.subscription));
  }

  /** The cached value, else `load()`'s, stored at both levels. `undefined` is not cached. */
  async get<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
    if (this.options.enabled === false) return load();
    const localKey = `${tenantId}\u0000${key}`;
    const hit = this.local.get(localKey);
    if (hit) return hit.value as T;

    const version = await this.version(tenantId);
    const sharedKey = `${this.options.namespace}:${tenantId}:v${version}:${key}`;
    const shared = await this.options.redis.get(sharedKey);
    if (shared !== null) {
      const value = JSON.parse(shared) as T;
      this.setLocal(tenantId, version, localKey, value);
      return value;
    }
    const value = await load();
    if (value !== undefined) {
      this.setLocal(tenantId, version, localKey, value);
      await this.options.redis.set(sharedKey, JSON.stringify(value), 'EX', this.options.sharedTtlSeconds ?? 300);
    }
    return value;
  }

  /** After a change is committed: every process stops serving the tenant's old entries. */
  async invalidate(tenantId: string): Promise<void> {
    this.dropLocal(tenantId);
    await new TenantCacheInvalidator(this.options.redis, this.options.namespace).invalidate(tenantId);
  }

  private async version(tenantId: string): Promise<string> {
    const known = this.versions.get(tenantId);
    if (known !== undefined) return known;
    const version = (await this.options.redis.get(this.versionKey(tenantId))) ?? '0';
    this.versions.set(tenantId, version);
    return version;
  }

  /**
   * An invalidation that lands while a value loads drops the version it was loaded under: such a
   * value may predate the change, so it must not outlive the invalidation in this process.
   */
  private setLocal(tenantId: string, version: string, localKey: string, value: unknown): void {
    if (this.versions.get(tenantId) === version) this.local.set(localKey, { value });
  }

  private versionKey(tenantId: string): string {
    return versionKey(this.options.namespace, tenantId);
  }

  private dropLocal(tenantId: string): void {
    this.versions.delete(tenantId);
    const prefix = `${tenantId}\u0000`;
    for (const key of this.local.keys()) if (key.startsWith(prefix)) this.local.delete(key);
  }
}

/**
 * `cache:<namespace>:invalidate:<tenant>`: one channel per store, so a Redis ACL can let a
 * storefront publish and listen on its own store's channel only (docs/adr/0700).
 */
export function invalidationChannel(namespace: string, tenantId: string): string {
  return `cache:${namespace}:invalidate:${tenantId}`;
}

function tenantOfInvalidationChannel(namespace: string, channel: string): string | undefined {
  const prefix = invalidationChannel(namespace, '');
  return channel.startsWith(prefix) && channel.length > prefix.length ? channel.slice(prefix.length) : undefined;
}

function versionKey(namespace: string, tenantId: string): string {
  return `${namespace}:${tenantId}:version`;
}

/**
 * The writing side of a TenantCache, for processes that change data but cache none of it (the
 * platform API): bumps the tenant's version and tells every cache holder to drop its entries.
 */
export class TenantCacheInvalidator {
  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
  ) {}

  async invalidate(tenantId: string): Promise<void> {
    await this.redis.incr(versionKey(this.namespace, tenantId));
    await this.redis.publish(invalidationChannel(this.namespace, tenantId), tenantId);
  }
}
