import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import { bindTenantToRequest } from '@storefront/observability';
import { securityHeaders } from '@storefront/service-runtime';
import { tenantContextFor, type TenantHostResolver, type ResolvedTenant } from '@storefront/tenancy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_COOKIE, CSRF_FIELD, csrfTokenMatches, newCsrfToken } from '../http/csrf';
import type { RateLimiter } from '../http/rate-limiter';
import type { StoreFront } from '../http/shopper-state';
import type { SessionStore } from '../session/session-store';
import { renderStatusPage } from '../pages/status-page';
import { STOREFRONT_API_DOCUMENT_PATH } from '../storefront-api-document';

export const SESSION_COOKIE = 'sf_session';

export interface StorefrontHooksOptions {
  readonly hostResolver: TenantHostResolver;
  /** Kubernetes mode: this process serves exactly one store, whatever Host says. */
  readonly pinnedTenantId: string | undefined;
  readonly sessions: SessionStore;
  readonly sessionTtlSeconds: number;
  readonly rateLimiter: RateLimiter;
  readonly secureCookies: boolean;
  readonly storeFront: (tenant: ResolvedTenant) => Promise<StoreFront>;
}

const UNSCOPED = /^\/(health\/|metrics$)/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function refuse(request: FastifyRequest, reply: FastifyReply, statusCode: 404 | 503 | 429 | 403 | 415, message: string): FastifyReply {
  if (isApi(request)) {
    const error = { 404: 'Not Found', 503: 'Service Unavailable', 429: 'Too Many Requests', 403: 'Forbidden', 415: 'Unsupported Media Type' }[statusCode];
    return reply.status(statusCode).send({ statusCode, error, message });
  }
  return reply.status(statusCode).type('text/html; charset=utf-8').send(renderStatusPage(statusCode, message));
}

/**
 * The pages run no script and carry no inline style, so only the store's own files; images from
 * any https host (merchants' image URLs); forms may lead to https pages (a card payment redirects
 * to the shopper's bank). HSTS where cookies are secure, i.e. the store is served over https.
 */
const STOREFRONT_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self' https:",
  "frame-ancestors 'none'",
];

/**
 * Before any storefront route: the store from the verified Host (404 unknown, 503 suspended),
 * the shopper's session, rate limits on writes, CSRF on form posts; after: the session saved
 * and its cookie set, only when something changed.
 */
export async function installStorefrontHooks(app: NestFastifyApplication, options: StorefrontHooksOptions): Promise<void> {
  await app.register(fastifyCookie);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.decorateRequest('shopper', null);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secureCookies };

  fastify.addHook('onRequest', async (request, reply) => {
    // The API's OpenAPI document is the same for every store, so it needs none.
    if (UNSCOPED.test(request.url) || request.url === STOREFRONT_API_DOCUMENT_PATH) return;
    const tenant = await options.hostResolver.resolve(request.headers.host ?? '');
    if (!tenant || (options.pinnedTenantId && tenant.tenantId !== options.pinnedTenantId)) {
      return refuse(request, reply, 404, 'There is no store at this address.');
    }
    bindTenantToRequest(tenant.tenantId);
    if (tenant.status === 'suspended') return refuse(request, reply, 503, 'This store is temporarily unavailable.');

    if (WRITE_METHODS.has(request.method)) {
      const decision = await options.rateLimiter.hit(tenant.tenantId, request.ip);
      if (!decision.allowed) {
        void reply.header('retry-after', String(decision.retryAfterSeconds));
        return refuse(request, reply, 429, 'Too many requests; try again in a minute.');
      }
    }
    let csrfToken = request.cookies[CSRF_COOKIE];
    if (!csrfToken) {
      csrfToken = newCsrfToken();
      void reply.setCookie(CSRF_COOKIE, csrfToken, { ...cookieOptions, maxAge: options.sessionTtlSeconds });
    }
    request.shopper = {
      tenant,
      ctx: tenantContextFor({ id: tenant.tenantId, clusterId: tenant.clusterId }, request.id),
      store: await options.storeFront(tenant),
      session: await options.sessions.load(tenant.tenantId, request.cookies[SESSION_COOKIE]),
      csrfToken,
    };
  });

  fastify.addHook('preHandler', async (request, reply) => {
    if (!request.shopper || !WRITE_METHODS.has(request.method)) return;
    const contentType = request.headers['content-type'] ?? '';
    if (isApi(request)) {
      // Browsers cannot send JSON cross-site without a CORS preflight, which we never grant.
      if (request.body !== undefined && request.body !== null && !contentType.startsWith('application/json')) {
        return refuse(request, reply, 415, 'Send JSON (Content-Type: application/json).');
      }
      return;
    }
    const field = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (!csrfTokenMatches(request.cookies[CSRF_COOKIE], field)) {
      return refuse(request, reply, 403, 'This form has expired. Go back, reload the page and try again.');
    }
  });

  const headers = Object.entries(securityHeaders({ contentSecurityPolicy: STOREFRONT_CONTENT_SECURITY_POLICY, hsts: options.secureCookies }));
  fastify.addHook('onSend', async (request, reply, payload) => {
    // A route's own stricter choice (the reset page's no-referrer) stands.
    for (const [name, value] of headers) if (!reply.hasHeader(name)) void reply.header(name, value);
    const session = request.shopper?.session;
    if (session?.dirty && session.id) {
      await options.sessions.save(request.shopper!.tenant.tenantId, session);
      void reply.setCookie(SESSION_COOKIE, session.id, { ...cookieOptions, maxAge: options.sessionTtlSeconds });
    }
    return payload;
  });
}
