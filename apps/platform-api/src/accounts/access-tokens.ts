import { errors, jwtVerify, SignJWT } from 'jose';

export type AccountRole = 'merchant' | 'platform_admin';

/** What a verified token says about its bearer. */
export interface AccessClaims {
  readonly accountId: string;
  readonly email: string;
  readonly role: AccountRole;
  /** The merchant's tenant; absent for platform admins. */
  readonly tenantId?: string;
  /** The account's token version at issue; a password change bumps it and so revokes the token. */
  readonly tokenVersion: number;
}

const ISSUER = 'storefront-platform';
const AUDIENCE = 'platform-api';

export class InvalidAccessTokenError extends Error {}

/**
 * Signed (HS256) access tokens; the tenant of a merchant request comes only from these claims.
 * A valid signature is not enough on its own: see AccountTokenVersions for revocation.
 */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  issue(claims: AccessClaims): Promise<string> {
    return new SignJWT({ email: claims.email, role: claims.role, ver: claims.tokenVersion, ...(claims.tenantId ? { tid: claims.tenantId } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const role = payload.role;
      if (typeof payload.sub !== 'string' || typeof payload.email !== 'string' || (role !== 'merchant' && role !== 'platform_admin')) {
        throw new InvalidAccessTokenError('token claims are incomplete');
      }
      if (role === 'merchant' && typeof payload.tid !== 'string') throw new InvalidAccessTokenError('merchant token without tenant');
      if (!Number.isInteger(payload.ver)) throw new InvalidAccessTokenError('token without a version');
      return {
        accountId: payload.sub,
        email: payload.email,
        role,
        tokenVersion: payload.ver as number,
        ...(role === 'merchant' ? { tenantId: payload.tid as string } : {}),
      };
    } catch (error) {
      if (error instanceof InvalidAccessTokenError || error instanceof errors.JOSEError) {
        throw new InvalidAccessTokenError(error.message);
      }
      throw error;
    }
  }
}
