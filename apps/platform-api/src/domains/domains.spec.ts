import { TenantHostResolver } from '@storefront/tenancy';
import { randomUUID } from 'node:crypto';
import { PlatformApiHarness, type SignedUpMerchant } from '../../test/platform-api-harness';
import { TestDnsServer } from '../../test/test-dns-server';

describe('custom domains', () => {
  let dns: TestDnsServer;
  let harness: PlatformApiHarness;
  let merchant: SignedUpMerchant;

  beforeAll(async () => {
    dns = await TestDnsServer.start();
    harness = await PlatformApiHarness.start({ PLATFORM_DNS_SERVERS: dns.address });
    merchant = await harness.signupMerchant();
  });

  afterAll(async () => {
    await harness.close();
    await dns.close();
  });

  const uniqueHost = () => `shop-${randomUUID().slice(0, 8)}.example.org`;
  const domainsOf = async (token: string) => (await harness.request('GET', '/api/v1/store/domains', { token })).body.items;
  const resolves = (host: string) => new TenantHostResolver(harness.clusters).resolve(host);

  async function until(condition: () => Promise<boolean>): Promise<void> {
    // Generous: the job is picked up at once, but a loaded CI machine may be slow.
    for (let i = 0; i < 300; i++) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('condition not reached within 15 s');
  }

  it('adds a host as pending, and serves it once a job finds the TXT record', async () => {
    const host = uniqueHost();
    const added = await harness.request('POST', '/api/v1/store/domains', { token: merchant.token, body: { host: `${host.toUpperCase()}.` } });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      host,
      kind: 'custom',
      status: 'pending',
      verification: { type: 'TXT', name: `_storefront-verification.${host}`, value: expect.stringMatching(/^storefront-verification=[0-9a-f]{32}$/) },
    });
    expect(await resolves(host)).toBeUndefined();

    dns.setTxt(added.body.verification.name, ['unrelated=1', added.body.verification.value]);
    const verify = await harness.request('POST', `/api/v1/store/domains/${host}/verify`, { token: merchant.token });
    expect(verify.status).toBe(202);
    await until(async () => (await domainsOf(merchant.token)).some((d: { host: string; status: string }) => d.host === host && d.status === 'verified'));
    expect(await resolves(host)).toMatchObject({ tenantId: merchant.tenantId });

    expect((await harness.request('DELETE', `/api/v1/store/domains/${host}`, { token: merchant.token })).status).toBe(204);
    expect(await resolves(host)).toBeUndefined();
  });

  it('keeps a host pending while the TXT record carries another token', async () => {
    const host = uniqueHost();
    const added = await harness.request('POST', '/api/v1/store/domains', { token: merchant.token, body: { host } });
    dns.setTxt(added.body.verification.name, ['storefront-verification=not-the-token']);
    await harness.request('POST', `/api/v1/store/domains/${host}/verify`, { token: merchant.token });
    // Three attempts, 1 s then 2 s apart in this harness; the domain must still be pending after them.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect((await domainsOf(merchant.token)).find((d: { host: string }) => d.host === host).status).toBe('pending');
    expect(await resolves(host)).toBeUndefined();
  });

  it("answers 404 for another store's host, and 409 when adding it once that store verified it", async () => {
    const host = uniqueHost();
    const added = await harness.request('POST', '/api/v1/store/domains', { token: merchant.token, body: { host } });
    dns.setTxt(added.body.verification.name, [added.body.verification.value]);
    await harness.request('POST', `/api/v1/store/domains/${host}/verify`, { token: merchant.token });
    await until(async () => (await resolves(host))?.tenantId === merchant.tenantId);
    const other = await harness.signupMerchant();
    expect((await harness.request('POST', `/api/v1/store/domains/${host}/verify`, { token: other.token })).status).toBe(404);
    expect((await harness.request('DELETE', `/api/v1/store/domains/${host}`, { token: other.token })).status).toBe(404);
    const taken = await harness.request('POST', '/api/v1/store/domains', { token: other.token, body: { host } });
    expect(taken.status).toBe(409);
    expect(taken.body.details).toEqual([{ field: 'host', message: 'is in use' }]);
    expect((await domainsOf(merchant.token)).map((d: { host: string }) => d.host)).toContain(host);
  });

  it("never lets a squatter's unverified claim lock the real owner out: the owner claims too, proves control and wins", async () => {
    const host = uniqueHost();
    const squatter = await harness.signupMerchant();
    const owner = await harness.signupMerchant();
    const squatted = await harness.request('POST', '/api/v1/store/domains', { token: squatter.token, body: { host } });
    expect(squatted.status).toBe(201);

    const claimed = await harness.request('POST', '/api/v1/store/domains', { token: owner.token, body: { host } });
    expect(claimed.status).toBe(201);
    expect(claimed.body.verification.value).not.toBe(squatted.body.verification.value);
    // The owner controls the DNS: only the owner's token is published.
    dns.setTxt(claimed.body.verification.name, [claimed.body.verification.value]);
    await harness.request('POST', `/api/v1/store/domains/${host}/verify`, { token: owner.token });
    await until(async () => (await resolves(host))?.tenantId === owner.tenantId);

    expect((await domainsOf(squatter.token)).map((d: { host: string }) => d.host)).not.toContain(host);
    expect((await harness.request('POST', '/api/v1/store/domains', { token: squatter.token, body: { host } })).status).toBe(409);
  });

  it('expires an unverified claim after its time to live', async () => {
    const host = uniqueHost();
    const claimant = await harness.signupMerchant();
    expect((await harness.request('POST', '/api/v1/store/domains', { token: claimant.token, body: { host } })).status).toBe(201);
    await harness.clusters.primary.query(`UPDATE platform.domains SET created_at = now() - interval '8 days' WHERE host = $1`, [host]);

    expect(await harness.api.services.domains.expireClaims(7 * 24 * 3_600_000)).toBeGreaterThanOrEqual(1);
    expect((await domainsOf(claimant.token)).map((d: { host: string }) => d.host)).not.toContain(host);
    const [audit] = await harness.clusters.primary.query(`SELECT action FROM platform.audit_log WHERE tenant_id = $1 AND action = 'domain.claim_expired'`, [claimant.tenantId]);
    expect(audit).toEqual({ action: 'domain.claim_expired' });
  });

  it('refuses platform hosts and malformed names, and keeps the platform address', async () => {
    const { token, slug } = merchant;
    const platformHost = await harness.request('POST', '/api/v1/store/domains', { token, body: { host: 'evil.shop.test' } });
    expect(platformHost.status).toBe(400);
    expect(platformHost.body.details).toEqual([{ field: 'host', message: 'is reserved' }]);
    const malformed = await harness.request('POST', '/api/v1/store/domains', { token, body: { host: 'http://x' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0].field).toBe('host');
    expect((await harness.request('DELETE', `/api/v1/store/domains/${slug}.shop.test`, { token })).status).toBe(409);
  });
});
