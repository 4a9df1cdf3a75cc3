import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { InvalidServiceTokenError, ServiceTokens, shopperTokenKeyFor, StoreShopperTokens } from './service-token';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';

/** A token built by hand with any claims and key: what an attacker holding `key` can make. */
function handMade(claims: Record<string, unknown>, key: Uint8Array, audience = 'checkout'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('storefront-platform').setAudience(audience).setIssuedAt().setExpirationTime('60s').sign(key);
}

describe('service tokens', () => {
  const tokens = new ServiceTokens(SECRET);

  it('carries the principal, its tenant and customer or actor', async () => {
    const tenantId = randomUUID();
    const shopper = await tokens.sign('checkout', { kind: 'shopper', tenantId, customerId: 'c-1' });
    await expect(tokens.verify('checkout', shopper)).resolves.toEqual({ kind: 'shopper', tenantId, customerId: 'c-1' });
    const merchant = await tokens.sign('checkout', { kind: 'merchant', tenantId, actor: 'account-1' });
    await expect(tokens.verify('checkout', merchant)).resolves.toEqual({ kind: 'merchant', tenantId, actor: 'account-1' });
  });

  it('refuses a token signed with another secret, for another audience, expired, or unsigned', async () => {
    const tenantId = randomUUID();
    const forged = await new ServiceTokens('another-secret-that-is-also-32-bytes-long!').sign('checkout', { kind: 'shopper', tenantId });
    await expect(tokens.verify('checkout', forged)).rejects.toBeInstanceOf(InvalidServiceTokenError);

    const forSearch = await tokens.sign('search', { kind: 'shopper', tenantId });
    await expect(tokens.verify('checkout', forSearch)).rejects.toBeInstanceOf(InvalidServiceTokenError);

    const key = Buffer.from(shopperTokenKeyFor(SECRET, tenantId), 'base64url');
    const expired = await new SignJWT({ knd: 'shopper', tid: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('storefront-platform')
      .setAudience('checkout')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(key);
    await expect(tokens.verify('checkout', expired)).rejects.toBeInstanceOf(InvalidServiceTokenError);

    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ knd: 'shopper', tid: tenantId, aud: 'checkout' })).toString('base64url')}.`;
    await expect(tokens.verify('checkout', unsigned)).rejects.toBeInstanceOf(InvalidServiceTokenError);
  });

  it('refuses a token signed with the root secret itself: only derived keys sign', async () => {
    const forged = await handMade({ knd: 'merchant', tid: randomUUID(), act: 'x' }, new TextEncoder().encode(SECRET));
    await expect(tokens.verify('checkout', forged)).rejects.toBeInstanceOf(InvalidServiceTokenError);
  });

  it("a store's shopper key signs its own shoppers, and not another store's", async () => {
    const storeA = randomUUID();
    const storeB = randomUUID();
    const podOfA = new StoreShopperTokens(storeA, shopperTokenKeyFor(SECRET, storeA));
    await expect(tokens.verify('checkout', await podOfA.sign('checkout', { kind: 'shopper', tenantId: storeA }))).resolves.toEqual({ kind: 'shopper', tenantId: storeA });

    await expect(podOfA.sign('checkout', { kind: 'shopper', tenantId: storeB })).rejects.toThrow(/own store/);
    const keyOfA = Buffer.from(shopperTokenKeyFor(SECRET, storeA), 'base64url');
    const forB = await handMade({ knd: 'shopper', tid: storeB }, keyOfA);
    await expect(tokens.verify('checkout', forB)).rejects.toBeInstanceOf(InvalidServiceTokenError);
  });

  it("a store's shopper key cannot pass for a merchant, a service or an admin of that store", async () => {
    const store = randomUUID();
    const key = Buffer.from(shopperTokenKeyFor(SECRET, store), 'base64url');
    const pod = new StoreShopperTokens(store, shopperTokenKeyFor(SECRET, store));
    await expect(pod.sign('checkout', { kind: 'merchant', tenantId: store, actor: 'x' })).rejects.toThrow(/shopper tokens only/);

    for (const kind of ['merchant', 'service']) {
      const forged = await handMade({ knd: kind, tid: store, act: 'attacker' }, key);
      await expect(tokens.verify('checkout', forged)).rejects.toBeInstanceOf(InvalidServiceTokenError);
    }
    const admin = await handMade({ knd: 'admin', adm: 'attacker' }, key, 'notifications:admin');
    await expect(tokens.verifyAdmin('notifications', admin)).rejects.toBeInstanceOf(InvalidServiceTokenError);
  });

  it('derives different keys per store and refuses a short secret or a malformed store key', () => {
    expect(shopperTokenKeyFor(SECRET, randomUUID())).not.toEqual(shopperTokenKeyFor(SECRET, randomUUID()));
    expect(() => new ServiceTokens('short')).toThrow(/32 bytes/);
    expect(() => new StoreShopperTokens(randomUUID(), 'c2hvcnQ')).toThrow(/32 bytes/);
  });

  it('keeps admin tokens and tenant tokens apart', async () => {
    const admin = await tokens.signAdmin('notifications', 'ops@platform.test');
    await expect(tokens.verifyAdmin('notifications', admin)).resolves.toEqual({ actor: 'ops@platform.test' });
    await expect(tokens.verify('notifications', admin)).rejects.toBeInstanceOf(InvalidServiceTokenError);
    await expect(tokens.verifyAdmin('checkout', admin)).rejects.toBeInstanceOf(InvalidServiceTokenError);
    const tenant = await tokens.sign('notifications', { kind: 'merchant', tenantId: '6f1c1d7e-8a43-4d6b-9a4e-0d6f5b1c2a3b', actor: 'a' });
    await expect(tokens.verifyAdmin('notifications', tenant)).rejects.toBeInstanceOf(InvalidServiceTokenError);
  });
});
