import { HttpStatus, type PipeTransform } from '@nestjs/common';
import type { FieldError } from '@storefront/contracts';
import { HttpErrorWithDetails } from './http-exception.filter';
import { fieldPath, nulCharacterErrors } from './nul-characters';
import type { z } from 'zod';

/**
 * Parses a body or query with a zod schema; a failure answers 400 with one detail per offending
 * field (unknown fields included: every schema here is strict).
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    return parseWithSchema(this.schema, value);
  }
}

/** Parses input with a zod schema or throws a 400 naming every offending field (NUL characters included). */
export function parseWithSchema<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const refused = nulCharacterErrors(value);
  const result = schema.safeParse(value);
  if (result.success && refused.length === 0) return result.data;
  // A field with a NUL is named once, for the NUL, whatever else its schema says of it.
  const invalid = result.success ? [] : fieldErrorsOf(result.error).filter((error) => !refused.some((nul) => nul.field === error.field));
  throw invalidRequest([...refused, ...invalid]);
}

export function invalidRequest(details: FieldError[]): HttpErrorWithDetails {
  return new HttpErrorWithDetails(HttpStatus.BAD_REQUEST, 'the request is invalid', details);
}

export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: 'is not a known field' }));
    }
    const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
    return [{ field: fieldPath(issue.path), message: missing ? 'is required' : issue.message }];
  });
}
