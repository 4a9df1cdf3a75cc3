import { PlatformApiHarness } from '../../test/platform-api-harness';

describe('signup throttling per address', () => {
  let harness: PlatformApiHarness;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start({ PLATFORM_SIGNUPS_PER_ADDRESS_PER_HOUR: '2' });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('refuses more stores per hour from one address than allowed, creating nothing', async () => {
    await harness.signupMerchant();
    await harness.signupMerchant();
    const slug = `third-${Date.now().toString(36)}`;
    const third = await harness.request('POST', '/api/v1/signup', {
      body: { email: `${slug}@example.com`, password: 'long enough password', storeName: 'Third', slug },
    });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(3000);
    const [row] = await harness.clusters.primary.query('SELECT count(*)::int AS n FROM platform.tenants WHERE slug = $1', [slug]);
    expect(row.n).toBe(0);
  });
});

describe('signup throttling under parallel signups', () => {
  let harness: PlatformApiHarness;
  // Each test signs up from its own client address, forwarded by the proxy the tests play.
  const signupFrom = (address: string, slug: string, email = `${slug}@example.com`) =>
    harness.request('POST', '/api/v1/signup', {
      body: { email, password: 'long enough password', storeName: `Store ${slug}`, slug },
      headers: { 'x-forwarded-for': address },
    });

  beforeAll(async () => {
    harness = await PlatformApiHarness.start({ PLATFORM_SIGNUPS_PER_ADDRESS_PER_HOUR: '2', PLATFORM_TRUSTED_PROXIES: '127.0.0.1,::1' });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('lets exactly the allowed number through when one address signs up many stores at once', async () => {
    const prefix = `burst-${Date.now().toString(36)}`;
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => signupFrom('192.0.2.50', `${prefix}-${i}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 429, 429, 429, 429]);
    const [row] = await harness.clusters.primary.query('SELECT count(*)::int AS n FROM platform.tenants WHERE slug LIKE $1', [`${prefix}-%`]);
    expect(row.n).toBe(2);
  });

  it('gives a refused signup its count back', async () => {
    const prefix = `retry-${Date.now().toString(36)}`;
    const existing = await signupFrom('192.0.2.60', `${prefix}-first`);
    expect(existing.status).toBe(201);
    // The same email three times from another address: 409 each, none of them uses up a signup.
    for (const i of [1, 2, 3]) expect((await signupFrom('192.0.2.61', `${prefix}-dup-${i}`, `${prefix}-first@example.com`)).status).toBe(409);
    expect((await signupFrom('192.0.2.61', `${prefix}-a`)).status).toBe(201);
    expect((await signupFrom('192.0.2.61', `${prefix}-b`)).status).toBe(201);
    expect((await signupFrom('192.0.2.61', `${prefix}-c`)).status).toBe(429);
  });
});
