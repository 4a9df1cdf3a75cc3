import type Redis from 'ioredis';

export interface RateLimits {
  /** Requests per minute from one client address to one store. */
  readonly perClient: number;
  /** Requests per minute to one store from everyone, so one store cannot starve the rest. */
  readonly perTenant: number;
}

export interface RateDecision {
  readonly allowed: boolean;
  readonly retryAfterSeconds: number;
}

/**
 * Fixed one-minute windows in Redis, per tenant+client and per tenant, counted in one round trip.
 * (@fastify/rate-limit keys one bucket per request; we need two, both tenant-scoped.)
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly limits: RateLimits,
  ) {}

  async hit(tenantId: string, client: string): Promise<RateDecision> {
    const window = Math.floor(Date.now() / 60_000);
    const clientKey = `storefront:rate:${tenantId}:client:${client}:${window}`;
    const tenantKey = `storefront:rate:${tenantId}:all:${window}`;
    const results = await this.redis.multi().incr(clientKey).expire(clientKey, 120).incr(tenantKey).expire(tenantKey, 120).exec();
    const clientCount = Number(results?.[0]?.[1] ?? 0);
    const tenantCount = Number(results?.[2]?.[1] ?? 0);
    const allowed = clientCount <= this.limits.perClient && tenantCount <= this.limits.perTenant;
    return { allowed, retryAfterSeconds: allowed ? 0 : 60 - (Math.floor(Date.now() / 1000) % 60) };
  }
}
