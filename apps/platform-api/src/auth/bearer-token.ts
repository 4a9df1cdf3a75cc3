import { UnauthorizedException } from '@nestjs/common';
import type { AccessClaims, AccessTokens } from '../accounts/access-tokens';
import type { AuthenticatedRequest } from './principals';

/** Verifies the request's `Authorization: Bearer` token; any failure answers 401 alike. */
export async function verifiedClaims(request: Pick<AuthenticatedRequest, 'headers'>, tokens: AccessTokens): Promise<AccessClaims> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._-]+)$/.exec(header) : null;
  if (!match) throw new UnauthorizedException('a Bearer access token is required');
  try {
    return await tokens.verify(match[1]!);
  } catch {
    throw new UnauthorizedException('the access token is invalid or expired');
  }
}
