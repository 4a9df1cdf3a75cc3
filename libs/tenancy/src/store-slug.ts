/** Store addresses become DNS labels under the platform domain: `<slug>.<platform-domain>`. */
export const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Names that would shadow platform hosts or mislead shoppers. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'admin', 'api', 'app', 'apps', 'auth', 'billing', 'blog', 'cdn', 'checkout', 'console', 'dashboard',
  'docs', 'help', 'internal', 'login', 'mail', 'metrics', 'notifications', 'platform', 'search',
  'shop', 'status', 'store', 'support', 'www',
]);

/** Why a slug is unusable, or undefined when it is fine. */
export function slugProblem(slug: string): string | undefined {
  if (slug.length < 3) return 'must be at least 3 characters';
  if (!DNS_LABEL.test(slug)) {
    return 'must be a DNS label: lowercase letters, digits and inner hyphens, at most 63 characters';
  }
  if (slug.startsWith('xn--')) return 'must not be a punycode label';
  if (RESERVED_SLUGS.has(slug)) return 'is reserved';
  return undefined;
}
