import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { securityHeaders } from '@storefront/service-runtime';

/**
 * The console is one module script and its stylesheet from this origin, calling the API on it;
 * nothing may frame it (the merchant's session is in it). No HSTS here: whether the API is served
 * over https is the ingress's to say.
 */
const CONSOLE_HEADERS = Object.entries(
  securityHeaders({
    contentSecurityPolicy: [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' https: data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ],
    hsts: false,
  }),
);

/** Where the console lives in the browser; its Vite build uses the same base. */
export const CONSOLE_PATH = '/console/';

/**
 * Serves the console's built files (apps/console, `npm run build:console`) on the API's own
 * origin, so the browser sends its Bearer token without CORS. Client-side routes under /console/
 * fall back to index.html. Without a build the console answers 404 with the command to run.
 */
export async function serveConsole(app: NestFastifyApplication, dir: string): Promise<void> {
  const root = resolve(dir);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', (_request, reply) => reply.redirect(CONSOLE_PATH));
  fastify.get('/console', (_request, reply) => reply.redirect(CONSOLE_PATH));
  if (!existsSync(join(root, 'index.html'))) {
    fastify.get(`${CONSOLE_PATH}*`, (_request, reply) =>
      reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `the console is not built: run npm run build:console (looked in ${root})` }),
    );
    return;
  }
  // wildcard: false registers one route per built file, so the fallback below only sees the rest.
  await fastify.register(fastifyStatic, {
    root,
    prefix: CONSOLE_PATH,
    wildcard: false,
    index: false,
    decorateReply: true,
    setHeaders: (reply) => CONSOLE_HEADERS.forEach(([name, value]) => void reply.header(name, value)),
  });
  // index.html names the build's hashed assets, so it must never be served stale after a new build.
  const spa = (_request: unknown, reply: { header(name: string, value: string): unknown; sendFile(file: string, options: { cacheControl: boolean }): unknown }) => {
    reply.header('cache-control', 'no-cache');
    for (const [name, value] of CONSOLE_HEADERS) reply.header(name, value);
    return reply.sendFile('index.html', { cacheControl: false });
  };
  fastify.get(CONSOLE_PATH, spa);
  fastify.get(`${CONSOLE_PATH}*`, spa);
}
