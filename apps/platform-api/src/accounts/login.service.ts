import type { AccessTokens } from './access-tokens';
import type { AccountDirectory } from './account-directory';
import { normaliseEmail } from './account-directory';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from '@storefront/credentials';

export class InvalidCredentialsError extends Error {
  constructor() {
    super('the email or password is wrong');
  }
}

/** Signs merchants and platform admins in; throttled per account and per client address. */
export class LoginService {
  /** Verified against when the email is unknown, so timing does not reveal which emails exist. */
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly accounts: AccountDirectory,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
  ) {
    this.decoyHash = hasher.hash('decoy password that matches nothing');
  }

  async login(input: { email: string; password: string }, address: string): Promise<{ accessToken: string }> {
    const email = normaliseEmail(input.email);
    await this.throttle.assertAllowed(email, address);
    const account = await this.accounts.findByEmail(email);
    const passwordOk = await this.hasher.verify(input.password, account?.passwordHash ?? (await this.decoyHash));
    const usable =
      account !== undefined && passwordOk && (account.role !== 'merchant' || (await this.accounts.merchantTenantUsable(account.tenantId!)));
    if (!usable) {
      await this.throttle.recordFailure(email, address);
      throw new InvalidCredentialsError();
    }
    await this.throttle.recordSuccess(email);
    const accessToken = await this.tokens.issue({
      accountId: account.id,
      email: account.email,
      role: account.role,
      tokenVersion: account.tokenVersion,
      ...(account.tenantId ? { tenantId: account.tenantId } : {}),
    });
    return { accessToken };
  }
}
