import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { PlatformApiHarness } from '../test/platform-api-harness';

/**
 * From the side of a compromised platform API: a running API on its own Redis user (the
 * harness's, as in production) does its work, and the very URL it holds reaches no shopper's
 * session and no checkout gate (docs/adr/0700).
 */
describe("the platform API's Redis user", () => {
  let harness: PlatformApiHarness;
  let stolen: Redis;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start({ PLATFORM_LOGIN_MAX_FAILURES_PER_ACCOUNT: '2' });
    stolen = new Redis(harness.config.REDIS_URL, { maxRetriesPerRequest: 0 });
  });

  afterAll(async () => {
    stolen?.disconnect();
    await harness?.close();
  });

  it('runs signups, logins and their throttle on it', async () => {
    expect(new URL(harness.config.REDIS_URL).username).toBe('platform-api');
    const merchant = await harness.signupMerchant();
    for (let attempt = 0; attempt < 2; attempt++) {
      expect((await harness.request('POST', '/api/v1/auth/login', { body: { email: merchant.email, password: 'wrong password' } })).status).toBe(401);
    }
    expect((await harness.request('POST', '/api/v1/auth/login', { body: { email: merchant.email, password: merchant.password } })).status).toBe(429);
  });

  it("gets NOPERM on a storefront session key and on a checkout gate key", async () => {
    const tenant = randomUUID();
    await expect(stolen.get(`storefront:session:${tenant}:${randomUUID()}`)).rejects.toThrow(/NOPERM/);
    await expect(stolen.set(`storefront:session:${tenant}:forged`, '{"customerId":"attacker"}')).rejects.toThrow(/NOPERM/);
    await expect(stolen.set(`checkout:{${tenant}}:gate:SKU-1`, '1000')).rejects.toThrow(/NOPERM/);
    await expect(stolen.get(`checkout:{${tenant}}:gate:SKU-1`)).rejects.toThrow(/NOPERM/);
    await expect(stolen.call('FLUSHALL')).rejects.toThrow(/NOPERM/);
  });
});
