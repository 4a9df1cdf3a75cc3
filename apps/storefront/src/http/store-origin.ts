import type { FastifyRequest } from 'fastify';

/**
 * `scheme://host` of the store as this request reached it, for links the store sends or hands
 * out (payment return, password reset). The host is the Host header the tenant was resolved
 * from, so it is always one of this store's own domains; never X-Forwarded-Host, which a client
 * could set to a host of its choosing behind a proxy that passes it on.
 */
export function storeOriginOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}`;
}
