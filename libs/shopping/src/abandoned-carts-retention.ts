import type { RetentionRule } from '@storefront/tenancy';

/**
 * An anonymous cart (no customer) belongs to one browser session; untouched for longer than a
 * session lives, no session can name it again. A customer's cart stays: it follows them.
 * Its lines go with it (ON DELETE CASCADE).
 */
export function abandonedCartsRetention(retentionHours: number): RetentionRule {
  return { table: 'carts', expired: 'customer_id IS NULL AND updated_at < now() - make_interval(hours => $1)', parameters: [retentionHours] };
}
