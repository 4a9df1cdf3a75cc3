import type Redis from 'ioredis';
import { FixedWindowLimiter, type LimitedBucket } from '../throttling/fixed-window-limiter';

export interface LoginThrottleOptions {
  readonly maxFailuresPerAccount: number;
  readonly maxFailuresPerAddress: number;
  /** How long failures are remembered, counted from the first one. */
  readonly windowSeconds: number;
}

/**
 * Failed sign-ins counted per account (guessing one password) and per client address (spraying
 * many accounts). A success clears the account's count; the address count only expires, or a
 * sprayer could reset it with an account of its own.
 */
export class LoginThrottle {
  private readonly limiter: FixedWindowLimiter;

  constructor(
    redis: Redis,
    private readonly options: LoginThrottleOptions,
  ) {
    this.limiter = new FixedWindowLimiter(redis, options.windowSeconds);
  }

  /** Throws RateLimitedError while either bucket is full. */
  assertAllowed(email: string, address: string): Promise<void> {
    return this.limiter.assertBelow(this.buckets(email, address), 'too many failed sign-in attempts; try again later');
  }

  recordFailure(email: string, address: string): Promise<void> {
    return this.limiter.hit(this.buckets(email, address));
  }

  recordSuccess(email: string): Promise<void> {
    return this.limiter.reset(this.accountBucket(email));
  }

  private accountBucket(email: string): LimitedBucket {
    return FixedWindowLimiter.bucket('login-failures:account', email, this.options.maxFailuresPerAccount);
  }

  private buckets(email: string, address: string): LimitedBucket[] {
    return [this.accountBucket(email), FixedWindowLimiter.bucket('login-failures:address', address, this.options.maxFailuresPerAddress)];
  }
}
