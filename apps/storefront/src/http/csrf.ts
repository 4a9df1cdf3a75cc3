import { randomUUID, timingSafeEqual } from 'node:crypto';

export const CSRF_COOKIE = 'sf_csrf';
export const CSRF_FIELD = '_csrf';

/** 122 random bits; randomUUID draws from a buffered entropy pool, far cheaper per call than randomBytes. */
export function newCsrfToken(): string {
  return randomUUID().replaceAll('-', '');
}

/**
 * Double-submit check for HTML forms: the hidden field must equal the cookie. Another site can
 * make a browser post a form but can neither read nor set this store's cookie; SameSite=Lax on
 * the cookie is a second line.
 */
export function csrfTokenMatches(cookie: string | undefined, field: unknown): boolean {
  if (!cookie || typeof field !== 'string' || cookie.length !== field.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
}
