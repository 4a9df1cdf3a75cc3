import { ConfigError, loadConfig } from '@storefront/config';
import { platformApiConfigSchema } from './platform-api.config';

const base = { DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://cache:6379' };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(platformApiConfigSchema, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
}

describe('platform API configuration', () => {
  it('has no built-in token secret: it must be given, and long enough', () => {
    expect(problemsOf(base)).toEqual(['PLATFORM_JWT_SECRET: is required (at least 32 random characters)']);
    expect(problemsOf({ ...base, PLATFORM_JWT_SECRET: 'secret' })).toEqual(['PLATFORM_JWT_SECRET: must be at least 32 characters']);
  });

  it('reads its options with defaults', () => {
    const config = loadConfig(platformApiConfigSchema, {
      ...base,
      PLATFORM_JWT_SECRET: 'x'.repeat(32),
      PLATFORM_DNS_SERVERS: '1.1.1.1, 127.0.0.1:5353',
      PLATFORM_TENANT_RETENTION_HOURS: '0',
    });
    expect(config).toMatchObject({
      PLATFORM_DNS_SERVERS: ['1.1.1.1', '127.0.0.1:5353'],
      PLATFORM_TENANT_RETENTION_HOURS: 0,
      PLATFORM_STORE_URL_TEMPLATE: 'https://{host}',
      PLATFORM_LOGIN_MAX_FAILURES_PER_ACCOUNT: 5,
      PLATFORM_JWT_TTL_SECONDS: 3600,
    });
  });

  it('provisions in-process unless told to create Store resources, which need their namespace', () => {
    const secret = { ...base, PLATFORM_JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig(platformApiConfigSchema, secret).PLATFORM_PROVISIONING).toBe('in-process');
    expect(problemsOf({ ...secret, PLATFORM_PROVISIONING: 'kubernetes' })).toEqual([
      'PLATFORM_STORE_NAMESPACE: is required with PLATFORM_PROVISIONING=kubernetes',
    ]);
    expect(problemsOf({ ...secret, PLATFORM_PROVISIONING: 'operator' })).toEqual(['PLATFORM_PROVISIONING: must be in-process or kubernetes']);
    expect(problemsOf({ ...secret, PLATFORM_PROVISIONING: 'kubernetes', PLATFORM_STORE_NAMESPACE: 'Stores' })).toEqual([
      'PLATFORM_STORE_NAMESPACE: must be a Kubernetes namespace name',
    ]);
    expect(loadConfig(platformApiConfigSchema, { ...secret, PLATFORM_PROVISIONING: 'kubernetes', PLATFORM_STORE_NAMESPACE: 'stores' })).toMatchObject({
      PLATFORM_PROVISIONING: 'kubernetes',
      PLATFORM_STORE_NAMESPACE: 'stores',
    });
  });

  it('wants the admin email and password together', () => {
    expect(problemsOf({ ...base, PLATFORM_JWT_SECRET: 'x'.repeat(32), PLATFORM_ADMIN_EMAIL: 'ops@example.com' })).toEqual([
      'PLATFORM_ADMIN_PASSWORD: is required with the other PLATFORM_ADMIN_ variable',
    ]);
  });

  it('names a weak admin password and a store URL template without {host}', () => {
    expect(
      problemsOf({ ...base, PLATFORM_JWT_SECRET: 'x'.repeat(32), PLATFORM_ADMIN_EMAIL: 'ops@example.com', PLATFORM_ADMIN_PASSWORD: 'admin', PLATFORM_STORE_URL_TEMPLATE: 'https://shop' }),
    ).toEqual(['PLATFORM_ADMIN_PASSWORD: must be at least 12 characters', 'PLATFORM_STORE_URL_TEMPLATE: must contain {host}']);
  });
});
