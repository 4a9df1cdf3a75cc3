import { HttpStatus, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { fieldErrorsOf, HttpErrorWithDetails } from '@storefront/service-runtime';
import { z } from 'zod';

/**
 * Global pipe: a parameter declared with a zod schema (`@Body({ schema })`, `@Query({ schema })`)
 * is parsed with it; a failure answers 400 with one detail per offending field (unknown fields
 * included: every schema here is strict). The same schema feeds the OpenAPI document.
 */
export class SchemaValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!(metadata.schema instanceof z.ZodType)) return value;
    const result = metadata.schema.safeParse(value);
    if (result.success) return result.data;
    throw new HttpErrorWithDetails(HttpStatus.BAD_REQUEST, 'the request is invalid', fieldErrorsOf(result.error));
  }
}
