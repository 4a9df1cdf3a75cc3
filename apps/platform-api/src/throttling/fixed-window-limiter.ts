import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

/** A bucket: its Redis key (hashed subject) and how many hits it allows per window. */
export interface LimitedBucket {
  readonly key: string;
  readonly limit: number;
}

export class RateLimitedError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Count a hit unless the bucket is full; full: minus the seconds left in its window. */
const TAKE_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then
  local ttl = redis.call('TTL', KEYS[1])
  if ttl < 1 then ttl = 1 end
  return -ttl
end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[2], 'NX')
return count + 1
`;

/**
 * Fixed-window counters in Redis, shared by every replica: a window starts with a bucket's first
 * hit and lasts `windowSeconds`. Subjects (emails, addresses) are hashed into the key, so none
 * sits in Redis in clear text.
 */
export class FixedWindowLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly windowSeconds: number,
  ) {}

  static bucket(kind: string, subject: string, limit: number): LimitedBucket {
    return { key: `platform:rate:${kind}:${createHash('sha256').update(subject).digest('base64url').slice(0, 22)}`, limit };
  }

  /** Throws RateLimitedError (with the longest remaining window) while any bucket is full. */
  async assertBelow(buckets: readonly LimitedBucket[], message: string): Promise<void> {
    const counts = await this.redis.mget(...buckets.map((b) => b.key));
    const full = buckets.filter((bucket, i) => Number(counts[i] ?? 0) >= bucket.limit);
    if (full.length === 0) return;
    const ttls = await Promise.all(full.map((bucket) => this.redis.ttl(bucket.key)));
    throw new RateLimitedError(message, Math.max(1, ...ttls));
  }

  /**
   * Checks and counts one hit in a single Redis step, so parallel callers cannot all pass a
   * check made before any of them counted. Over the limit: nothing counted, RateLimitedError.
   * Returns a release that gives the hit back (for work that failed and created nothing).
   */
  async take(bucket: LimitedBucket, message: string): Promise<() => Promise<void>> {
    const answer = (await this.redis.eval(TAKE_SCRIPT, 1, bucket.key, bucket.limit, this.windowSeconds)) as number;
    if (answer < 0) throw new RateLimitedError(message, Math.max(1, -answer));
    return async () => void (await this.redis.decr(bucket.key));
  }

  async hit(buckets: readonly LimitedBucket[]): Promise<void> {
    const transaction = this.redis.multi();
    for (const { key } of buckets) transaction.incr(key).expire(key, this.windowSeconds, 'NX');
    await transaction.exec();
  }

  async reset(bucket: LimitedBucket): Promise<void> {
    await this.redis.del(bucket.key);
  }
}
