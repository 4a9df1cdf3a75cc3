import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { nulCharacterErrors } from './nul-characters';
import { invalidRequest, parseWithSchema } from './zod-validation.pipe';

/** What a client sends; custom parameters (the principal, the shopper) are the server's own. */
const CLIENT_INPUT = new Set<ArgumentMetadata['type']>(['body', 'query', 'param']);

/**
 * Global pipe: a parameter declared with a zod schema (`@Body({ schema })`, `@Query({ schema })`)
 * is parsed with it; a failure answers 400 with one detail per offending field (unknown fields
 * included: every schema here is strict). The same schema feeds the OpenAPI document, so what is
 * documented is what is validated. Client input without a schema (a path id) is still refused
 * with a NUL character in it, which PostgreSQL could not take.
 */
export class SchemaValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.schema instanceof z.ZodType) return parseWithSchema(metadata.schema, value);
    if (!CLIENT_INPUT.has(metadata.type)) return value;
    const refused = nulCharacterErrors(value, metadata.data ? [metadata.data] : []);
    if (refused.length) throw invalidRequest(refused);
    return value;
  }
}
