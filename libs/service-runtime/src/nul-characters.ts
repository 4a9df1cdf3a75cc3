import type { FieldError } from '@storefront/contracts';

/**
 * PostgreSQL cannot store U+0000 in text or jsonb: a string carrying one fails the query itself,
 * which would surface as a 500. Every request value is checked for it before it is parsed, keys
 * included (attributes and option maps become jsonb keys), so no route has to remember.
 */
export function nulCharacterErrors(value: unknown, path: readonly PropertyKey[] = []): FieldError[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [{ field: fieldPath(path), message: 'must not contain the NUL character (\\u0000)' }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulCharacterErrors(item, [...path, index]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [...nulCharacterErrors(key, [...path, key]), ...nulCharacterErrors(item, [...path, key])]);
}

/** `a.b.0` as the API names a field in its 400 details; the whole input is `(body)`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(body)';
}
