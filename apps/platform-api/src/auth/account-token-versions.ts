import { LRUCache } from 'lru-cache';
import type { AccessClaims } from '../accounts/access-tokens';
import type { AccountDirectory } from '../accounts/account-directory';

const GONE = -1;

export interface AccountTokenVersionsOptions {
  /**
   * How long a looked-up version is trusted. Bounds how long a revoked token still works on
   * another replica; this replica forgets at once when the change happens here.
   */
  readonly ttlMs?: number;
  readonly maxEntries?: number;
}

/**
 * Decides whether a verified access token is still current: the account must exist and its token
 * version must equal the token's. A password change bumps the version, so older tokens stop
 * working; a removed account has none. Looked up per request through a short cache, as the
 * merchant guard already reads the registry per request.
 */
export class AccountTokenVersions {
  private readonly cache: LRUCache<string, number>;

  constructor(
    private readonly accounts: AccountDirectory,
    options: AccountTokenVersionsOptions = {},
  ) {
    this.cache = new LRUCache({ max: options.maxEntries ?? 10_000, ttl: options.ttlMs ?? 5_000 });
  }

  async isCurrent(claims: Pick<AccessClaims, 'accountId' | 'role' | 'tokenVersion'>): Promise<boolean> {
    const key = cacheKey(claims);
    let version = this.cache.get(key);
    if (version === undefined) {
      version = (await this.accounts.tokenVersionOf({ id: claims.accountId, role: claims.role })) ?? GONE;
      this.cache.set(key, version);
    }
    return version !== GONE && version === claims.tokenVersion;
  }

  /** After a change made by this process, so its own cache never serves the old version. */
  forget(account: Pick<AccessClaims, 'accountId' | 'role'>): void {
    this.cache.delete(cacheKey(account));
  }
}

function cacheKey(account: Pick<AccessClaims, 'accountId' | 'role'>): string {
  return `${account.role}:${account.accountId}`;
}
