import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { InvalidServiceTokenError, ServiceTokens } from './service-token';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';

describe('service tokens', () => {
  const tokens = new ServiceTokens(SECRET);

  it('carries the tenant and customer it was signed for', async () => {
    const tenantId = randomUUID();
    const token = await tokens.sign('checkout', { tenantId, customerId: 'c-1' });
    await expect(tokens.verify('checkout', token)).resolves.toEqual({ tenantId, customerId: 'c-1' });
  });

  it('refuses a token signed with another secret, for another audience, expired, or unsigned', async () => {
    const tenantId = randomUUID();
    const forged = await new ServiceTokens('another-secret-that-is-also-32-bytes-long!').sign('checkout', { tenantId });
    await expect(tokens.verify('checkout', forged)).rejects.toBeInstanceOf(InvalidServiceTokenError);

    const forSearch = await tokens.sign('search', { tenantId });
    await expect(tokens.verify('checkout', forSearch)).rejects.toBeInstanceOf(InvalidServiceTokenError);

    const expired = await new SignJWT({ tid: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('storefront-platform')
      .setAudience('checkout')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode(SECRET));
    await expect(tokens.verify('checkout', expired)).rejects.toBeInstanceOf(InvalidServiceTokenError);

    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ tid: tenantId, aud: 'checkout' })).toString('base64url')}.`;
    await expect(tokens.verify('checkout', unsigned)).rejects.toBeInstanceOf(InvalidServiceTokenError);
  });

  it('refuses a short secret', () => {
    expect(() => new ServiceTokens('short')).toThrow(/32 bytes/);
  });
});
