import type { ErrorResponse, FieldError } from '@storefront/contracts';

/** A non-2xx answer of the platform API, with its field details for the form that sent it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly FieldError[],
  ) {
    super(message);
  }
}

export interface ApiClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/**
 * Same-origin calls to the platform API. `onUnauthorized` lets the session end when a token
 * expires, so a stale console does not keep failing on every click.
 */
export function createApiClient(token: () => string | null, onUnauthorized: () => void): ApiClient {
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = { accept: 'application/json' };
      const bearer = token();
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`/api/v1${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      const text = await response.text();
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      if (response.ok) return parsed as T;
      if (response.status === 401 && bearer) onUnauthorized();
      const error = (parsed ?? {}) as Partial<ErrorResponse>;
      throw new ApiError(response.status, error.message ?? response.statusText, error.details ?? []);
    },
  };
}

/** `?a=1&b=x` from the set values only. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
