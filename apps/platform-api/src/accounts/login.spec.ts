import { PlatformApiHarness } from '../../test/platform-api-harness';

describe('sign-in', () => {
  let harness: PlatformApiHarness;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start({
      PLATFORM_LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      PLATFORM_LOGIN_MAX_FAILURES_PER_ADDRESS: '8',
    });
  });

  afterAll(async () => {
    await harness.close();
  });

  const login = (email: string, password: string) => harness.request('POST', '/api/v1/auth/login', { body: { email, password } });

  it('stores passwords as salted scrypt hashes, never in clear', async () => {
    const merchant = await harness.signupMerchant();
    const [row] = await harness.clusters.primary.query('SELECT password_hash FROM platform.merchants WHERE email = $1', [merchant.email]);
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row.password_hash).not.toContain(merchant.password);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const merchant = await harness.signupMerchant();
    const wrong = await login(merchant.email, 'not the password');
    const unknown = await login('nobody@example.com', 'not the password');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
    // A success clears the account's failures.
    expect((await login(merchant.email, merchant.password)).status).toBe(200);
  });

  it('locks an account after repeated failures, even for the right password, and says when to retry', async () => {
    const merchant = await harness.signupMerchant();
    for (let i = 0; i < 3; i++) expect((await login(merchant.email, `wrong ${i}`)).status).toBe(401);
    const locked = await login(merchant.email, merchant.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.body).toMatchObject({ statusCode: 429, message: expect.stringMatching(/too many/) });

    const other = await harness.signupMerchant();
    expect((await login(other.email, other.password)).status).toBe(200);
  });
});

describe('sign-in throttling per address', () => {
  let harness: PlatformApiHarness;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start({
      PLATFORM_LOGIN_MAX_FAILURES_PER_ACCOUNT: '100',
      PLATFORM_LOGIN_MAX_FAILURES_PER_ADDRESS: '4',
    });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('blocks an address that sprays guesses over many accounts, whatever account it tries next', async () => {
    const accounts = await Promise.all([1, 2, 3, 4, 5].map(() => harness.signupMerchant()));
    const statuses: number[] = [];
    for (const account of accounts.slice(0, 4)) {
      statuses.push((await harness.request('POST', '/api/v1/auth/login', { body: { email: account.email, password: 'guess' } })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401]);
    const fifth = accounts[4]!;
    const blocked = await harness.request('POST', '/api/v1/auth/login', { body: { email: fifth.email, password: fifth.password } });
    expect(blocked.status).toBe(429);
  });
});

describe('platform admin sign-in', () => {
  let harness: PlatformApiHarness;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('bootstraps the first admin from the environment, who signs in through the same login', async () => {
    const token = await harness.adminToken();
    const tenants = await harness.request('GET', '/api/v1/admin/tenants', { token });
    expect(tenants.status).toBe(200);
    // An admin token is not a merchant token.
    expect((await harness.request('GET', '/api/v1/store', { token })).status).toBe(403);
  });

  it('lets an account change its password with the current one, and only then', async () => {
    const merchant = await harness.signupMerchant();
    const change = (token: string | undefined, currentPassword: string) =>
      harness.request('POST', '/api/v1/auth/password', { ...(token ? { token } : {}), body: { currentPassword, newPassword: 'a brand new password' } });
    expect((await change(undefined, merchant.password)).status).toBe(401);
    expect((await change(merchant.token, 'not my password')).status).toBe(401);
    const changed = await change(merchant.token, merchant.password);
    expect(changed).toMatchObject({ status: 200, body: { accessToken: expect.any(String) } });
    expect((await harness.request('POST', '/api/v1/auth/login', { body: { email: merchant.email, password: merchant.password } })).status).toBe(401);
    expect(await harness.login(merchant.email, 'a brand new password')).toEqual(expect.any(String));

    const admin = await harness.adminToken();
    const short = await harness.request('POST', '/api/v1/auth/password', { token: admin, body: { currentPassword: 'x', newPassword: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.details).toEqual([{ field: 'newPassword', message: 'must be at least 10 characters' }]);
  });

  it('revokes every earlier access token of an account when its password changes', async () => {
    const merchant = await harness.signupMerchant();
    const otherDevice = await harness.login(merchant.email, merchant.password);
    expect((await harness.request('GET', '/api/v1/store', { token: otherDevice })).status).toBe(200);
    const changed = await harness.request<{ accessToken: string }>('POST', '/api/v1/auth/password', {
      token: merchant.token,
      body: { currentPassword: merchant.password, newPassword: 'a brand new password' },
    });
    expect(changed.status).toBe(200);
    for (const old of [merchant.token, otherDevice]) {
      const refused = await harness.request('GET', '/api/v1/store', { token: old });
      expect(refused).toMatchObject({ status: 401, body: { message: 'the access token was revoked: sign in again' } });
    }
    expect((await harness.request('GET', '/api/v1/store', { token: changed.body.accessToken })).status).toBe(200);

    const admin = await harness.adminToken();
    const password = harness.config.PLATFORM_ADMIN_PASSWORD!;
    const adminChange = await harness.request<{ accessToken: string }>('POST', '/api/v1/auth/password', {
      token: admin,
      body: { currentPassword: password, newPassword: 'another admin password' },
    });
    expect(adminChange.status).toBe(200);
    expect((await harness.request('GET', '/api/v1/admin/tenants', { token: admin })).status).toBe(401);
    expect((await harness.request('GET', '/api/v1/admin/tenants', { token: adminChange.body.accessToken })).status).toBe(200);
    // Put it back: other tests sign the admin in with the configured password.
    await harness.request('POST', '/api/v1/auth/password', { token: adminChange.body.accessToken, body: { currentPassword: 'another admin password', newPassword: password } });
  });

  it("refuses a removed account's token although its signature and store are still valid", async () => {
    const merchant = await harness.signupMerchant();
    await harness.clusters.primary.query('DELETE FROM platform.merchants WHERE email = $1', [merchant.email]);
    expect((await harness.request('GET', '/api/v1/store', { token: merchant.token })).status).toBe(401);
  });

  it('refuses signup with the admin email', async () => {
    const answer = await harness.request('POST', '/api/v1/signup', {
      body: { email: harness.config.PLATFORM_ADMIN_EMAIL, password: 'long enough password', storeName: 'Sneaky', slug: `sneaky-${Date.now()}` },
    });
    expect(answer.status).toBe(409);
  });
});
