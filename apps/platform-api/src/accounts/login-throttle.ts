import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

export interface LoginThrottleOptions {
  readonly maxFailuresPerAccount: number;
  readonly maxFailuresPerAddress: number;
  /** How long failures are remembered, counted from the first one. */
  readonly windowSeconds: number;
}

export class LoginThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many failed sign-in attempts; try again later');
  }
}

/**
 * Failed sign-ins counted in Redis per account (guessing one password) and per client address
 * (spraying many accounts), shared by every platform-api replica. A success clears the
 * account's count; the address count only expires, or a sprayer could reset it with its own account.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly options: LoginThrottleOptions,
  ) {}

  /** Throws LoginThrottledError while either bucket is full. */
  async assertAllowed(email: string, address: string): Promise<void> {
    const [accountKey, addressKey] = [accountKeyOf(email), addressKeyOf(address)];
    const [account, byAddress] = await this.redis.mget(accountKey, addressKey);
    const blocked: string[] = [];
    if (Number(account ?? 0) >= this.options.maxFailuresPerAccount) blocked.push(accountKey);
    if (Number(byAddress ?? 0) >= this.options.maxFailuresPerAddress) blocked.push(addressKey);
    if (blocked.length === 0) return;
    const ttls = await Promise.all(blocked.map((key) => this.redis.ttl(key)));
    throw new LoginThrottledError(Math.max(1, ...ttls));
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const window = this.options.windowSeconds;
    await this.redis
      .multi()
      .incr(accountKeyOf(email))
      .expire(accountKeyOf(email), window, 'NX')
      .incr(addressKeyOf(address))
      .expire(addressKeyOf(address), window, 'NX')
      .exec();
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(accountKeyOf(email));
  }
}

// Hashed so neither emails nor addresses sit in Redis in clear text.
function accountKeyOf(email: string): string {
  return `platform:login-failures:account:${digest(email)}`;
}

function addressKeyOf(address: string): string {
  return `platform:login-failures:address:${digest(address)}`;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}
