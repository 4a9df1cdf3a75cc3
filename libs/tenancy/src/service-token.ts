import { decodeJwt, jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { hkdfSync } from 'node:crypto';

/**
 * Who a service token speaks for. A shopper token comes from a storefront pod; merchant tokens
 * from platform-api acting for a signed-in merchant; service tokens from platform processes
 * (reindexing); admin tokens act across the tenants of a shard and carry no tenant at all.
 */
export type PrincipalKind = 'shopper' | 'merchant' | 'service' | 'admin';

/** A principal bound to one tenant: everything but a platform admin. */
export type TenantPrincipal =
  | { readonly kind: 'shopper'; readonly tenantId: string; /** The signed-in shopper, if any. */ readonly customerId?: string }
  | { readonly kind: 'merchant' | 'service'; readonly tenantId: string; /** Who acts: an account id or a process name. */ readonly actor: string };

export type TenantPrincipalKind = TenantPrincipal['kind'];

/** What a caller of a shard needs: something that turns a principal into a bearer token. */
export interface ServiceTokenSigner {
  sign(audience: string, principal: TenantPrincipal): Promise<string>;
}

export class InvalidServiceTokenError extends Error {
  constructor(reason: string) {
    super(`invalid service token: ${reason}`);
    this.name = 'InvalidServiceTokenError';
  }
}

const ISSUER = 'storefront-platform';
const ALGORITHM = 'HS256';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY_DERIVATION_SALT = 'storefront-platform/service-tokens/v1';
const TENANT_KINDS: readonly TenantPrincipalKind[] = ['shopper', 'merchant', 'service'];
const DEFAULT_TTL_SECONDS = 60;

/**
 * Every (kind, tenant) pair signs with a key of its own, derived from the platform secret. A
 * storefront pod is given only its store's shopper key, so a leaked pod can mint shopper tokens
 * for that one store and nothing else: not another store, not a merchant, not an admin.
 */
function derivedKey(secret: string, info: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, KEY_DERIVATION_SALT, info, 32));
}

function tenantKeyInfo(kind: TenantPrincipalKind, tenantId: string): string {
  return `${kind}/${tenantId}`;
}

/** The key a storefront pod of `tenantId` signs shopper tokens with (base64url, for its Secret). */
export function shopperTokenKeyFor(secret: string, tenantId: string): string {
  assertSecret(secret);
  return Buffer.from(derivedKey(secret, tenantKeyInfo('shopper', tenantId))).toString('base64url');
}

function assertSecret(secret: string): void {
  if (Buffer.byteLength(secret) < 32) throw new Error('service token secret must be at least 32 bytes');
}

function signed(claims: Record<string, unknown>, audience: string, key: Uint8Array, ttlSeconds: number): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}

function claimsOf(principal: TenantPrincipal): Record<string, unknown> {
  if (principal.kind === 'shopper') return { knd: 'shopper', tid: principal.tenantId, ...(principal.customerId ? { cid: principal.customerId } : {}) };
  return { knd: principal.kind, tid: principal.tenantId, act: principal.actor };
}

function principalOf(payload: Record<string, unknown>): TenantPrincipal {
  const { knd: kind, tid: tenantId } = payload;
  if (typeof tenantId !== 'string' || !UUID.test(tenantId)) throw new InvalidServiceTokenError('no tenant claim');
  if (kind === 'shopper') return { kind, tenantId, ...(typeof payload.cid === 'string' ? { customerId: payload.cid } : {}) };
  if (kind !== 'merchant' && kind !== 'service') throw new InvalidServiceTokenError('no principal kind');
  if (typeof payload.act !== 'string' || payload.act === '') throw new InvalidServiceTokenError('no actor claim');
  return { kind, tenantId, actor: payload.act };
}

/** jose's errors become InvalidServiceTokenError; anything else is a bug and propagates. */
async function verifying<T>(verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch (error) {
    if (error instanceof InvalidServiceTokenError) throw error;
    if (error instanceof joseErrors.JOSEError) throw new InvalidServiceTokenError(error.code);
    throw error;
  }
}

/**
 * Short-lived HMAC-signed tokens for service-to-service hops (storefront -> checkout, platform-api
 * -> notifications). The receiving service takes the tenant and the principal only from a token it
 * verified, never from a bare header. Held by platform processes, which know the root secret.
 */
export class ServiceTokens implements ServiceTokenSigner {
  private readonly adminKey: Uint8Array;

  constructor(
    private readonly secret: string,
    private readonly ttlSeconds = DEFAULT_TTL_SECONDS,
  ) {
    assertSecret(secret);
    this.adminKey = derivedKey(secret, 'admin');
  }

  sign(audience: string, principal: TenantPrincipal): Promise<string> {
    return signed(claimsOf(principal), audience, this.keyOf(principal.kind, principal.tenantId), this.ttlSeconds);
  }

  async verify(audience: string, token: string): Promise<TenantPrincipal> {
    return verifying(async () => {
      // The unverified claims only choose the key; a lie about them picks a key the forger lacks.
      const { knd: kind, tid: tenantId } = decodeJwt(token);
      if (typeof tenantId !== 'string' || !UUID.test(tenantId)) throw new InvalidServiceTokenError('no tenant claim');
      if (!TENANT_KINDS.includes(kind as TenantPrincipalKind)) throw new InvalidServiceTokenError('no principal kind');
      const key = this.keyOf(kind as TenantPrincipalKind, tenantId);
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience, algorithms: [ALGORITHM] });
      return principalOf(payload);
    });
  }

  /**
   * For platform-admin calls that act across the tenants of a shard (dead letters): no tenant,
   * the acting admin instead, and a key and audience of their own so a tenant token never passes.
   */
  signAdmin(audience: string, actor: string): Promise<string> {
    return signed({ knd: 'admin', adm: actor }, `${audience}:admin`, this.adminKey, this.ttlSeconds);
  }

  async verifyAdmin(audience: string, token: string): Promise<{ actor: string }> {
    return verifying(async () => {
      const { payload } = await jwtVerify(token, this.adminKey, { issuer: ISSUER, audience: `${audience}:admin`, algorithms: [ALGORITHM] });
      if (payload.knd !== 'admin' || typeof payload.adm !== 'string' || payload.adm === '') throw new InvalidServiceTokenError('no admin claim');
      return { actor: payload.adm };
    });
  }

  private keyOf(kind: TenantPrincipalKind, tenantId: string): Uint8Array {
    return derivedKey(this.secret, tenantKeyInfo(kind, tenantId));
  }
}

/**
 * What a storefront pod holds: its own store's shopper key and nothing else, so it can vouch for
 * its shoppers and cannot speak for a merchant or for another store.
 */
export class StoreShopperTokens implements ServiceTokenSigner {
  private readonly key: Uint8Array;

  constructor(
    private readonly tenantId: string,
    keyBase64url: string,
    private readonly ttlSeconds = DEFAULT_TTL_SECONDS,
  ) {
    this.key = new Uint8Array(Buffer.from(keyBase64url, 'base64url'));
    if (this.key.byteLength !== 32) throw new Error('a shopper token key is 32 bytes, base64url-encoded');
  }

  async sign(audience: string, principal: TenantPrincipal): Promise<string> {
    if (principal.kind !== 'shopper') throw new Error(`a storefront signs shopper tokens only, not ${principal.kind} tokens`);
    if (principal.tenantId !== this.tenantId) throw new Error('a storefront signs tokens for its own store only');
    return signed(claimsOf(principal), audience, this.key, this.ttlSeconds);
  }
}
