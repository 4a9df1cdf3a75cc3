import { UnauthorizedException } from '@nestjs/common';
import type { AccessClaims, AccessTokens } from '../accounts/access-tokens';
import type { AccountTokenVersions } from './account-token-versions';
import type { AuthenticatedRequest } from './principals';

/**
 * Verifies the request's `Authorization: Bearer` token and that it has not been revoked (a
 * password change, a removed account); any failure answers 401 alike.
 */
export async function verifiedClaims(
  request: Pick<AuthenticatedRequest, 'headers'>,
  tokens: AccessTokens,
  versions: AccountTokenVersions,
): Promise<AccessClaims> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._-]+)$/.exec(header) : null;
  if (!match) throw new UnauthorizedException('a Bearer access token is required');
  let claims: AccessClaims;
  try {
    claims = await tokens.verify(match[1]!);
  } catch {
    throw new UnauthorizedException('the access token is invalid or expired');
  }
  if (!(await versions.isCurrent(claims))) throw new UnauthorizedException('the access token was revoked: sign in again');
  return claims;
}
