import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';

/** What a calling service vouches for: the tenant it resolved from a verified Host or token. */
export interface ServiceTokenClaims {
  readonly tenantId: string;
  /** The signed-in shopper, when there is one. */
  readonly customerId?: string;
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

/**
 * Short-lived HMAC-signed tokens for service-to-service hops (storefront -> checkout). The
 * receiving service takes the tenant only from a token it verified, never from a bare header.
 */
export class ServiceTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds = 60,
  ) {
    if (Buffer.byteLength(secret) < 32) throw new Error('service token secret must be at least 32 bytes');
    this.key = new TextEncoder().encode(secret);
  }

  sign(audience: string, claims: ServiceTokenClaims): Promise<string> {
    return new SignJWT({ tid: claims.tenantId, ...(claims.customerId ? { cid: claims.customerId } : {}) })
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(audience: string, token: string): Promise<ServiceTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience, algorithms: [ALGORITHM] });
      if (typeof payload.tid !== 'string' || !UUID.test(payload.tid)) throw new InvalidServiceTokenError('no tenant claim');
      return { tenantId: payload.tid, ...(typeof payload.cid === 'string' ? { customerId: payload.cid } : {}) };
    } catch (error) {
      if (error instanceof InvalidServiceTokenError) throw error;
      if (error instanceof joseErrors.JOSEError) throw new InvalidServiceTokenError(error.code);
      throw error;
    }
  }
}
