import { SignInThrottledError } from '@storefront/shopping';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';

export interface SignInThrottleLimits {
  /** Wrong passwords in a row that one account takes before it waits. */
  readonly maxFailures: number;
  /** How long the count lasts from the first failure; the wait ends with it. */
  readonly windowSeconds: number;
}

/**
 * Wrong passwords per store account, counted in Redis under the store's key space: past the limit
 * sign-in answers 429 without checking the password (so guessing stops), until the window ends or
 * the shopper resets the password. A success clears the count. Per account, whatever the address,
 * because one guesser may come from many; the address limits catch one address guessing many.
 * The email is hashed into the key, never stored in clear.
 */
export class SignInThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly limits: SignInThrottleLimits = { maxFailures: 10, windowSeconds: 15 * 60 },
  ) {}

  async assertAllowed(tenantId: string, email: string): Promise<void> {
    const key = this.keyOf(tenantId, email);
    const failures = Number((await this.redis.get(key)) ?? 0);
    if (failures < this.limits.maxFailures) return;
    throw new SignInThrottledError(Math.max(1, await this.redis.ttl(key)));
  }

  async failed(tenantId: string, email: string): Promise<void> {
    const key = this.keyOf(tenantId, email);
    await this.redis.multi().incr(key).expire(key, this.limits.windowSeconds, 'NX').exec();
  }

  async succeeded(tenantId: string, email: string): Promise<void> {
    await this.redis.del(this.keyOf(tenantId, email));
  }

  private keyOf(tenantId: string, email: string): string {
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);
    return `storefront:rate:${tenantId}:signin:${account}`;
  }
}
