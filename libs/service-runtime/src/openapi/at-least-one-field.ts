import type { z } from 'zod';

/**
 * A change must name something to change: `{}` is refused, and the OpenAPI document says so with
 * minProperties (JSON Schema cannot run a refinement; its metadata is what the document shows).
 */
export function atLeastOneField<S extends z.ZodObject>(schema: S, message = 'give at least one field to change'): S {
  return schema.refine((change) => Object.keys(change as object).length > 0, message).meta({ minProperties: 1 }) as S;
}
