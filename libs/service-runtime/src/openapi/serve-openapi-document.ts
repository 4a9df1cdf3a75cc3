import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export interface OpenApiDocumentOptions {
  readonly title: string;
  readonly description: string;
  /** Where the document is served as JSON, e.g. `docs/json`. */
  readonly jsonPath: string;
  /** Where the browsable page (and the YAML beside it) is served; none when absent. */
  readonly pagePath?: string;
  readonly bearerAuth?: boolean;
  /** Only the paths that belong to the published API (a service may also serve pages). */
  readonly includePath?: (path: string) => boolean;
}

/**
 * Serves the OpenAPI document of a service, built from its routes and the zod schemas their
 * parameters declare: the schemas that validate the requests are the ones documented.
 */
export function serveOpenApiDocument(app: NestFastifyApplication, options: OpenApiDocumentOptions): void {
  const builder = new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1');
  if (options.bearerAuth) builder.addBearerAuth().addSecurityRequirements('bearer');
  const config = builder.build();
  const document = (): OpenAPIObject => onlyPaths(SwaggerModule.createDocument(app, config), options.includePath ?? (() => true));
  SwaggerModule.setup(options.pagePath ?? options.jsonPath, app, document, {
    jsonDocumentUrl: options.jsonPath,
    ...(options.pagePath ? { yamlDocumentUrl: `${options.pagePath}/yaml` } : { ui: false, raw: ['json'] }),
  });
}

function onlyPaths(document: OpenAPIObject, includePath: (path: string) => boolean): OpenAPIObject {
  return { ...document, paths: Object.fromEntries(Object.entries(document.paths).filter(([path]) => includePath(path))) };
}
