import type { RetentionRule } from '@storefront/tenancy';

/**
 * A key past its `expires_at` is no longer replayed (a new request may take it over, see
 * IdempotencyKeys.claim), so nothing reads it again: it can go.
 */
export function idempotencyKeysRetention(): RetentionRule {
  return { table: 'idempotency_keys', expired: 'expires_at < now()' };
}
