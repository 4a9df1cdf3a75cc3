import { HttpStatus, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { FieldError } from '@storefront/contracts';
import { HttpErrorWithDetails } from '@storefront/service-runtime';
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

export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const at = (path: readonly PropertyKey[]): string => (path.length ? path.map(String).join('.') : '(body)');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: at([...issue.path, key]), message: 'is not a known field' }));
    }
    const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
    return [{ field: at(issue.path), message: missing ? 'is required' : issue.message }];
  });
}
