import type { FieldError } from '@storefront/contracts';
import { ApiError } from '../api/api-client';

/** Messages per field path (`variants.2.sku`) as the API reported them. */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

export function fieldErrorsOf(details: readonly FieldError[]): FieldErrors {
  const byField: Record<string, string[]> = {};
  for (const { field, message } of details) (byField[field] ??= []).push(message);
  return byField;
}

/** The messages for one field, including those for its parts (`price` gets `price.amount`). */
export function messagesFor(errors: FieldErrors, field: string): string[] {
  return Object.entries(errors)
    .filter(([path]) => path === field || path.startsWith(`${field}.`))
    .flatMap(([, messages]) => messages);
}

/** Form-level text for an error: the API's message, or a plain one for network failures. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  // fetch rejects with a TypeError when the network, not the API, failed.
  if (error instanceof TypeError || !(error instanceof Error)) return 'The platform could not be reached. Check your connection and try again.';
  return error.message;
}

/**
 * Fields the API named that no input on the form shows: listed in the form's summary so no
 * message is ever lost (e.g. `(body)` or a field the form does not render).
 */
export function unplacedErrors(errors: FieldErrors, shownFields: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([path]) => !shownFields.some((field) => path === field || path.startsWith(`${field}.`)))
    .flatMap(([path, messages]) => messages.map((message) => (path === '(body)' ? message : `${path}: ${message}`)));
}

/** The messages about a group itself (`methods.0.rate.tiers`), not those of its parts (`…tiers.1.amount`). */
export function groupMessagesFor(errors: FieldErrors, field: string): string[] {
  return [...(errors[field] ?? [])];
}

/**
 * The messages for a list typed into one input ("DE, XX"): an entry's own message names the
 * entry (`XX: is not a country`), since the merchant sees no index.
 */
export function listMessagesFor(errors: FieldErrors, field: string, entries: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([path]) => path === field || path.startsWith(`${field}.`))
    .flatMap(([path, messages]) => {
      const entry = entries[Number(path.slice(field.length + 1))];
      return messages.map((message) => (path !== field && entry !== undefined ? `${entry}: ${message}` : message));
    });
}
