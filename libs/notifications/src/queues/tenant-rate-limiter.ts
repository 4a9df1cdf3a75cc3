import type Redis from 'ioredis';

/**
 * Token bucket per tenant and shard in Redis (shared by every worker of the shard): `ratePerSecond`
 * sustained, bursts up to `burst`. Returns 0 when a send may go now, else the milliseconds to wait.
 */
const TAKE_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + (now - at) * rate / 1000)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return wait`;

export class TenantRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {}

  async take(tenantId: string): Promise<number> {
    return Number(await this.redis.eval(TAKE_SCRIPT, 1, `${this.keyPrefix}:rate:${tenantId}`, this.ratePerSecond, this.burst, Date.now()));
  }
}
