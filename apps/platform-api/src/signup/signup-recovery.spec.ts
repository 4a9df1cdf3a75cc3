import { MerchantEntity, TenantEntity } from '@storefront/database';
import { TenantDeprovisioner, type ProvisionTenantInput } from '@storefront/tenancy';
import { uniqueSlug } from '@storefront/tenancy/testing';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { PlatformApiHarness } from '../../test/platform-api-harness';
import { AccountDirectory } from '../accounts/account-directory';
import { StoreUrls } from '../store/store-urls';
import { FixedWindowLimiter } from '../throttling/fixed-window-limiter';
import { SignupService } from './signup.service';

describe('signups that fail or die half-way', () => {
  let harness: PlatformApiHarness;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  const signup = (slug: string, email = `${slug}@example.com`) =>
    harness.request('POST', '/api/v1/signup', { body: { email, password: 'long enough password', storeName: `Store ${slug}`, slug } });
  const tenantsWithSlug = async (slug: string) =>
    (await harness.clusters.primary.query('SELECT count(*)::int AS n FROM platform.tenants WHERE slug = $1', [slug]))[0].n as number;
  /** What a crashed signup leaves: a tenant registered an hour ago, never activated. */
  const registeredAnHourAgo = async (slug: string) => {
    const tenant = await harness.api.services.tenancy.provisioner.register({ tenantId: randomUUID(), slug, name: `Store ${slug}` });
    await harness.clusters.primary.query(`UPDATE platform.tenants SET created_at = now() - interval '1 hour' WHERE id = $1`, [tenant.id]);
    return tenant;
  };

  it('undoes a signup whose provisioning fails after the slug was registered, so the slug can be signed up again', async () => {
    const { tenancy, hasher } = harness.api.services;
    const redis = new Redis(process.env.TEST_REDIS_URL!, { keyPrefix: `test-${randomUUID()}:` });
    // Provisioning as in-process signup runs it, failing at the step after the registry insert.
    const failingAfterRegister = {
      provision: async (input: ProvisionTenantInput) => {
        await tenancy.provisioner.register(input);
        throw new Error('creating the role failed');
      },
      launch: async () => undefined,
      complete: async () => undefined,
    };
    const signups = new SignupService(
      harness.clusters,
      new AccountDirectory(harness.clusters),
      hasher,
      failingAfterRegister,
      new TenantDeprovisioner(harness.clusters, tenancy.notifier),
      tenancy.notifier,
      new StoreUrls('http://{host}', 'shop.test'),
      new FixedWindowLimiter(redis, 3600),
      100,
    );
    const slug = uniqueSlug('fails');
    await expect(
      signups.signup({ email: `${slug}@example.com`, password: 'long enough password', storeName: 'Fails', slug }, { id: 'test', address: '192.0.2.1' }),
    ).rejects.toThrow('creating the role failed');
    redis.disconnect();

    expect(await tenantsWithSlug(slug)).toBe(0);
    expect((await signup(slug)).status).toBe(201);
  });

  it('sweeps a signup that died before writing its account: the tenant is removed and its slug free again', async () => {
    const slug = uniqueSlug('died');
    const tenant = await registeredAnHourAgo(slug);
    expect((await signup(slug, `other-${slug}@example.com`)).status).toBe(409);

    const outcome = await harness.api.services.signupSweeper.sweep();
    expect(outcome.discarded).toContain(tenant.id);
    expect(await tenantsWithSlug(slug)).toBe(0);
    expect((await signup(slug)).status).toBe(201);
  });

  it('sweeps a signup that died after writing its account: the store is provisioned to the end and its merchant signs in to it', async () => {
    const slug = uniqueSlug('half');
    const tenant = await registeredAnHourAgo(slug);
    const email = `${slug}@example.com`;
    const passwordHash = await harness.api.services.hasher.hash('long enough password');
    await harness.clusters.primary.getRepository(MerchantEntity).insert({ id: randomUUID(), tenantId: tenant.id, email, passwordHash });

    const outcome = await harness.api.services.signupSweeper.sweep();
    expect(outcome.completed).toContain(tenant.id);
    expect((await harness.clusters.primary.getRepository(TenantEntity).findOneByOrFail({ id: tenant.id })).status).toBe('active');
    const token = await harness.login(email, 'long enough password');
    const store = await harness.request('GET', '/api/v1/store', { token });
    expect(store.body).toMatchObject({ tenantId: tenant.id, slug, status: 'active' });
    expect((await harness.request('GET', '/api/v1/products', { token })).status).toBe(200);
  });

  it('announces store.provisioned through the outbox once per store, also when activation runs again', async () => {
    const slug = uniqueSlug('ready');
    const answer = await signup(slug);
    expect(answer.status).toBe(201);
    // A provisioner that crashed after announcing and before activating runs activation again.
    await harness.clusters.primary.query(`UPDATE platform.tenants SET status = 'provisioning' WHERE id = $1`, [answer.body.tenantId]);
    expect(await harness.api.services.tenancy.provisioner.activate(answer.body.tenantId)).toBe(true);
    const events = await harness.clusters.primary.query(`SELECT event_type, payload FROM platform.outbox WHERE tenant_id = $1 AND event_type = 'store.provisioned'`, [
      answer.body.tenantId,
    ]);
    expect(events).toEqual([{ event_type: 'store.provisioned', payload: { slug } }]);
  });

  it('leaves a signup in progress alone', async () => {
    const slug = uniqueSlug('busy');
    const tenant = await harness.api.services.tenancy.provisioner.register({ tenantId: randomUUID(), slug, name: 'Busy' });
    const outcome = await harness.api.services.signupSweeper.sweep();
    expect([...outcome.discarded, ...outcome.completed]).not.toContain(tenant.id);
    expect(await tenantsWithSlug(slug)).toBe(1);
  });
});

