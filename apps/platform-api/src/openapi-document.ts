import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * OpenAPI document of the platform API, built from the routes and the zod schemas their
 * parameters declare. Served at /docs (browsable) and /docs/json (the document itself).
 */
export function serveOpenApiDocument(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Storefront platform API')
    .setDescription(
      'Merchant signup and sign-in, the merchant admin API (tenant from the token) and the platform admin API. ' +
        'Errors are {statusCode, error, message, details?}; money is integer minor units plus an ISO 4217 currency.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'docs/json',
    yamlDocumentUrl: 'docs/yaml',
  });
}
