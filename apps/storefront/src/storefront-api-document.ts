import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { serveOpenApiDocument } from '@storefront/service-runtime';

/** Same on every store's address: the document describes the API, not one store. */
export const STOREFRONT_API_DOCUMENT_PATH = '/api/v1/openapi.json';

/** OpenAPI document of the storefront JSON API that headless front ends build on (pages left out). */
export function serveStorefrontApiDocument(app: NestFastifyApplication): void {
  serveOpenApiDocument(app, {
    title: 'Storefront JSON API',
    description:
      "A store's catalog, cart, customer account, checkout and reviews, at the store's own address (the Host names the store). " +
      'The shopper is the sf_session cookie the answers set; writes are rate limited per client. ' +
      'Errors are {statusCode, error, message, details?}; money is integer minor units plus an ISO 4217 currency; no string may contain U+0000.',
    jsonPath: STOREFRONT_API_DOCUMENT_PATH.slice(1),
    includePath: (path) => path.startsWith('/api/'),
  });
}
