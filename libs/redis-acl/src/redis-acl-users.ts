import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { serviceAclRules, storefrontAclRules, storefrontRedisUser, type PlatformApiRedisPrefixes, type ServiceRedisUser } from './redis-acl-rules';

/** 32 random bytes, hex: nothing in it needs escaping in a URL or an ACL rule. */
const PASSWORD = /^[0-9a-f]{64}$/;

export function newRedisPassword(): string {
  return randomBytes(32).toString('hex');
}

/**
 * Creates and removes Redis ACL users over an admin connection. Every call states a user's whole
 * rule set (`reset` first, applied atomically by ACL SETUSER), so running it again converges.
 */
export class RedisAclUsers {
  constructor(private readonly admin: Redis) {}

  /**
   * The store's storefront user, with its rules refreshed. `currentPassword` (from the store's
   * Secret) is kept, so a repeat call, or one after Redis lost its users, changes nothing the Pods
   * hold; without one a new random password is set. Returns the password.
   */
  async ensureStorefrontUser(tenantId: string, currentPassword?: string): Promise<{ user: string; password: string }> {
    const user = storefrontRedisUser(tenantId);
    const password = currentPassword !== undefined && PASSWORD.test(currentPassword) ? currentPassword : newRedisPassword();
    await this.setUser(user, password, storefrontAclRules(tenantId));
    return { user, password };
  }

  /** Deletes the user; Redis closes its open connections. Idempotent. */
  async removeStorefrontUser(tenantId: string): Promise<void> {
    await this.admin.call('ACL', 'DELUSER', storefrontRedisUser(tenantId));
  }

  /** `prefixes`: where the platform API keeps its keys (ignored for the other services). */
  async ensureServiceUser(service: ServiceRedisUser, password: string, prefixes?: PlatformApiRedisPrefixes): Promise<void> {
    await this.setUser(service, password, serviceAclRules(service, prefixes));
  }

  /** Sets a user with any rule list (the local storefront's, a test's). */
  async setUser(user: string, password: string, rules: readonly string[]): Promise<void> {
    if (!PASSWORD.test(password)) throw new Error(`Redis password of ${user} must be 64 hex digits`);
    await this.admin.call('ACL', 'SETUSER', user, 'reset', 'on', `>${password}`, ...rules);
  }
}
