import { PlatformApiHarness, type SignedUpMerchant } from '../../test/platform-api-harness';

const failedLogin = (harness: PlatformApiHarness, account: SignedUpMerchant, forwardedFor: string) =>
  harness.request('POST', '/api/v1/auth/login', {
    body: { email: account.email, password: 'a wrong guess' },
    headers: { 'x-forwarded-for': forwardedFor },
  });

describe('client addresses behind a proxy', () => {
  describe('from a peer that is not a trusted proxy', () => {
    let harness: PlatformApiHarness;

    beforeAll(async () => {
      // The tests connect from 127.0.0.1, outside the trusted block.
      harness = await PlatformApiHarness.start({
        PLATFORM_TRUSTED_PROXIES: '10.0.0.0/8',
        PLATFORM_LOGIN_MAX_FAILURES_PER_ACCOUNT: '100',
        PLATFORM_LOGIN_MAX_FAILURES_PER_ADDRESS: '3',
      });
    });

    afterAll(async () => {
      await harness.close();
    });

    it('ignores a forged X-Forwarded-For: a new forged address per guess does not escape the per-address lock', async () => {
      const account = await harness.signupMerchant();
      const statuses: number[] = [];
      for (const forged of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) {
        statuses.push((await failedLogin(harness, account, forged)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    });
  });

  describe('from a trusted proxy', () => {
    let harness: PlatformApiHarness;

    beforeAll(async () => {
      harness = await PlatformApiHarness.start({
        PLATFORM_TRUSTED_PROXIES: '127.0.0.1/32,::1',
        PLATFORM_LOGIN_MAX_FAILURES_PER_ACCOUNT: '100',
        PLATFORM_LOGIN_MAX_FAILURES_PER_ADDRESS: '50',
        PLATFORM_SIGNUPS_PER_ADDRESS_PER_HOUR: '1',
      });
    });

    afterAll(async () => {
      await harness.close();
    });

    it('locks out the forwarded address that made 50 failed sign-ins, and no other address behind the same proxy', async () => {
      const victim = await harness.signupMerchant();
      const sprayer = '198.51.100.23';
      for (let i = 0; i < 50; i++) expect((await failedLogin(harness, victim, sprayer)).status).toBe(401);
      expect((await failedLogin(harness, victim, sprayer)).status).toBe(429);

      const fromElsewhere = await harness.request('POST', '/api/v1/auth/login', {
        body: { email: victim.email, password: victim.password },
        headers: { 'x-forwarded-for': '192.0.2.77' },
      });
      expect(fromElsewhere.status).toBe(200);
    });

    it('counts signups per forwarded client address, taking the address the proxy appended', async () => {
      const signup = (slug: string, forwardedFor: string) =>
        harness.request('POST', '/api/v1/signup', {
          body: { email: `${slug}@example.com`, password: 'long enough password', storeName: slug, slug },
          headers: { 'x-forwarded-for': forwardedFor },
        });
      const suffix = Date.now().toString(36);
      expect((await signup(`first-${suffix}`, '192.0.2.10')).status).toBe(201);
      // The client put an address of its own in front; the proxy appended the one it saw.
      expect((await signup(`second-${suffix}`, '192.0.2.99, 192.0.2.10')).status).toBe(429);
      expect((await signup(`third-${suffix}`, '192.0.2.11')).status).toBe(201);
    });
  });
});
