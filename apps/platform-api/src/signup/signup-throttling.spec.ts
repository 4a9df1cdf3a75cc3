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
