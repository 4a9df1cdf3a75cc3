import { SecretKeyring } from '@storefront/credentials';
import { PaymentSettingsService, StorePaymentSettings } from '@storefront/orders';
import { STRIPE_TEST_KEYS } from '@storefront/orders/testing';
import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { testDatabaseUrl } from '@storefront/testing';
import { rotatePaymentSecretsCommand } from './commands/rotate-payment-secrets.command';

describe('platform rotate-payment-secrets', () => {
  // A database of its own: the command walks every store in it.
  const env = useTestTenancy({ database: 'rotation' });

  it('re-wraps every store\'s sealed secrets under the new key, so the old one can leave the keyring', async () => {
    const oldKey = SecretKeyring.generateSpec('k1');
    const newKey = SecretKeyring.generateSpec('k2');
    const { ctx } = await provisionTestTenant(env.tenancy);
    const { ctx: untouched } = await provisionTestTenant(env.tenancy); // no secrets: nothing to move
    await new PaymentSettingsService(env.tenancy.unitOfWork, new SecretKeyring(oldKey)).update(ctx, { stripe: STRIPE_TEST_KEYS });

    const lines: string[] = [];
    const databaseUrl = await testDatabaseUrl('rotation');
    const run = () => rotatePaymentSecretsCommand({ DATABASE_URL: databaseUrl, PLATFORM_SECRETS_KEYRING: `${newKey},${oldKey}` }, (line) => lines.push(line));
    expect(await run()).toBe(0);
    expect(lines.at(-1)).toMatch(/^done: 1 store\(s\) re-wrapped/);
    expect(await run()).toBe(0);
    expect(lines.at(-1)).toMatch(/^done: 0 store\(s\) re-wrapped under the current key; the older keys may now leave the keyring/);

    const newOnly = new StorePaymentSettings(env.tenancy.unitOfWork, new SecretKeyring(newKey));
    expect(await newOnly.stripeSecretKey(ctx)).toMatchObject({ value: STRIPE_TEST_KEYS.secretKey });
    expect(await newOnly.stripeWebhookSecret(ctx)).toBe(STRIPE_TEST_KEYS.webhookSecret);
    expect(await newOnly.stripeSecretKey(untouched)).toBeNull();
    expect(lines.join('\n')).not.toContain(STRIPE_TEST_KEYS.secretKey);
  });

  it('names the stores it cannot open (a key removed too early) and fails, moving the rest', async () => {
    const { ctx, tenant } = await provisionTestTenant(env.tenancy);
    await new PaymentSettingsService(env.tenancy.unitOfWork, new SecretKeyring(SecretKeyring.generateSpec('gone'))).update(ctx, { stripe: STRIPE_TEST_KEYS });
    const lines: string[] = [];
    const code = await rotatePaymentSecretsCommand({ DATABASE_URL: await testDatabaseUrl('rotation'), PLATFORM_SECRETS_KEYRING: SecretKeyring.generateSpec('k3') }, (line) => lines.push(line));
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain(`${tenant.slug}: no platform key "gone" in the keyring`);
  });
});
