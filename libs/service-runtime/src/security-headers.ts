/**
 * Headers every HTML answer of a service carries: its Content-Security-Policy (each service
 * states its directives), no MIME sniffing, a referrer policy, and HSTS where the service is known
 * to be served over https.
 */
export function securityHeaders(options: { readonly contentSecurityPolicy: readonly string[]; readonly hsts: boolean }): Record<string, string> {
  return {
    'content-security-policy': options.contentSecurityPolicy.join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    // A year, as browsers' preload lists ask.
    ...(options.hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
