/**
 * Headers every storefront answer carries. The pages run no script and carry no inline style, so
 * the policy allows only the store's own files; images may come from any https host (merchants'
 * image URLs). Forms may lead to https pages: a card payment redirects to the shopper's bank.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self' https:",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(options: { secureCookies: boolean }): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    // Only where the store is served over https (then cookies are secure too): a year, as browsers' preload lists ask.
    ...(options.secureCookies ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
