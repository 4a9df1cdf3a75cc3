import type { PasswordHasher } from '@storefront/credentials';
import type { AccountTokenVersions } from '../auth/account-token-versions';
import type { AccessClaims, AccessTokens } from './access-tokens';
import type { AccountDirectory } from './account-directory';
import { InvalidCredentialsError } from './login.service';
import type { LoginThrottle } from './login-throttle';

/**
 * A signed-in account changes its password by proving the current one (a stolen token alone
 * cannot lock the owner out). Wrong guesses count against the same throttle as sign-ins. The
 * change revokes every access token of the account, this one included, and issues a new one.
 */
export class PasswordChangeService {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly tokens: AccessTokens,
    private readonly versions: AccountTokenVersions,
  ) {}

  async change(claims: AccessClaims, input: { currentPassword: string; newPassword: string }, address: string): Promise<{ accessToken: string }> {
    await this.throttle.assertAllowed(claims.email, address);
    const account = await this.accounts.findByEmail(claims.email);
    if (!account || account.id !== claims.accountId || !(await this.hasher.verify(input.currentPassword, account.passwordHash))) {
      await this.throttle.recordFailure(claims.email, address);
      throw new InvalidCredentialsError();
    }
    const tokenVersion = await this.accounts.setPasswordHash(account, await this.hasher.hash(input.newPassword));
    this.versions.forget(claims);
    const { id: accountId, email, role, tenantId } = account;
    return { accessToken: await this.tokens.issue({ accountId, email, role, tokenVersion, ...(tenantId ? { tenantId } : {}) }) };
  }
}
