import type { AccessClaims } from './access-tokens';
import type { AccountDirectory } from './account-directory';
import { InvalidCredentialsError } from './login.service';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from '@storefront/credentials';

/**
 * A signed-in account changes its password by proving the current one (a stolen token alone
 * cannot lock the owner out). Wrong guesses count against the same throttle as sign-ins.
 */
export class PasswordChangeService {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  async change(claims: AccessClaims, input: { currentPassword: string; newPassword: string }, address: string): Promise<void> {
    await this.throttle.assertAllowed(claims.email, address);
    const account = await this.accounts.findByEmail(claims.email);
    if (!account || account.id !== claims.accountId || !(await this.hasher.verify(input.currentPassword, account.passwordHash))) {
      await this.throttle.recordFailure(claims.email, address);
      throw new InvalidCredentialsError();
    }
    await this.accounts.setPasswordHash(account, await this.hasher.hash(input.newPassword));
  }
}
