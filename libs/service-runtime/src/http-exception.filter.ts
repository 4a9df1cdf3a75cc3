import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ErrorResponse, FieldError } from '@storefront/contracts';
import { DatabaseUnavailableError } from '@storefront/database';
import type { Logger } from '@storefront/observability';
import type { FastifyReply } from 'fastify';

/** An HTTP error that carries field-level details for the `details` array of the answer. */
export class HttpErrorWithDetails extends HttpException {
  constructor(status: number, message: string, readonly details: readonly FieldError[]) {
    super(message, status);
  }
}

/**
 * Every error leaves as `{statusCode, error, message, details?}`. Expected HTTP errors pass
 * through; a database that is out of reach (full pool, restarting server) is 503 with Retry-After;
 * anything else is logged once (with tenant and request id from the context) and answered as a
 * bare 500 so no internals leak.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const unavailable = DatabaseUnavailableError.from(exception);
    if (unavailable) {
      // Transient (a full pool, a restarting server): the client may retry, nothing is logged as a bug.
      this.logger.warn({ reason: unavailable.reason, err: unavailable.cause }, 'database unavailable');
      void reply.header('retry-after', String(unavailable.retryAfterSeconds));
    }
    const body = unavailable ? serviceUnavailable() : this.toErrorResponse(exception);
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toErrorResponse(exception: unknown): ErrorResponse {
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : String((response as { message?: unknown }).message ?? exception.message);
      return {
        statusCode,
        error: reasonPhrase(statusCode),
        message,
        ...(exception instanceof HttpErrorWithDetails ? { details: exception.details } : {}),
      };
    }
    const statusCode = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      // Fastify's own client errors (malformed JSON, body too large, bad content type).
      return { statusCode, error: reasonPhrase(statusCode), message: (exception as Error).message };
    }
    this.logger.error({ err: exception }, 'unhandled error');
    return { statusCode: 500, error: reasonPhrase(500), message: 'Internal server error' };
  }
}

function serviceUnavailable(): ErrorResponse {
  return { statusCode: 503, error: reasonPhrase(503), message: 'The service is busy; retry shortly' };
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
