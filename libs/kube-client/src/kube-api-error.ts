/** A non-2xx answer of the Kubernetes API, with the Status reason (`Conflict`, `NotFound`, ...). */
export class KubeApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: string,
    message: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method} ${path}: ${statusCode} ${reason}: ${message}`);
    this.name = 'KubeApiError';
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof KubeApiError && error.statusCode === 404;
}

/** 409: optimistic concurrency (resourceVersion) or an apply conflict; both are retried. */
export function isConflict(error: unknown): boolean {
  return error instanceof KubeApiError && error.statusCode === 409;
}

/** 422 and 400: the request itself is wrong; retrying the same request cannot help. */
export function isInvalid(error: unknown): boolean {
  return error instanceof KubeApiError && (error.statusCode === 422 || error.statusCode === 400);
}
