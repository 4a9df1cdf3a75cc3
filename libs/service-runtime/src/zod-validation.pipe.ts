import { HttpStatus, type PipeTransform } from '@nestjs/common';
import type { FieldError } from '@storefront/contracts';
import { HttpErrorWithDetails } from './http-exception.filter';
import type { z } from 'zod';

/**
 * Parses a body or query with a zod schema; a failure answers 400 with one detail per offending
 * field (unknown fields included: every schema here is strict).
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
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
