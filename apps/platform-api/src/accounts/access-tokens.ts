import { errors, jwtVerify, SignJWT } from 'jose';

export type AccountRole = 'merchant' | 'platform_admin';

/** What a verified token says about its bearer. */
export interface AccessClaims {
  readonly accountId: string;
  readonly email: string;
  readonly role: AccountRole;
  /** The merchant's tenant; absent for platform admins. */
  readonly tenantId?: string;
}

const ISSUER = 'storefront-platform';
const AUDIENCE = 'platform-api';

export class InvalidAccessTokenError extends Error {}

/** Signed (HS256) access tokens; the tenant of a merchant request comes only from these claims. */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  issue(claims: AccessClaims): Promise<string> {
    return new SignJWT({ email: claims.email, role: claims.role, ...(claims.tenantId ? { tid: claims.tenantId } : {}) })
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
      return {
        accountId: payload.sub,
        email: payload.email,
        role,
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
