import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { serveOpenApiDocument } from '@storefront/service-runtime';

/** OpenAPI document of the platform API: /docs (browsable), /docs/json and /docs/yaml. */
export function servePlatformApiDocument(app: NestFastifyApplication): void {
  serveOpenApiDocument(app, {
    title: 'Storefront platform API',
    description:
      'Merchant signup and sign-in, the merchant admin API (tenant from the token) and the platform admin API. ' +
      'Errors are {statusCode, error, message, details?}; money is integer minor units plus an ISO 4217 currency; no string may contain U+0000.',
    pagePath: 'docs',
    jsonPath: 'docs/json',
    bearerAuth: true,
  });
}
