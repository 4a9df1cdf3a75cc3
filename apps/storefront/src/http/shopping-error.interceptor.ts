import { Injectable, type CallHandler, type ExecutionContext, type HttpException, type NestInterceptor } from '@nestjs/common';
import {
  InvalidCredentialsError,
  ShoppingConflictError,
  SignInThrottledError,
  ShoppingError,
  ShoppingNotFoundError,
  ShoppingValidationError,
} from '@storefront/shopping';
import { httpStatusOfReviewError, ReviewError } from '@storefront/reviews';
import { HttpErrorWithDetails } from '@storefront/service-runtime';
import type { FastifyReply } from 'fastify';
import { catchError, type Observable } from 'rxjs';
import { CheckoutUnavailableError } from '../checkout/checkout-client';
import { SearchUnavailableError } from '../search/search-client';

/** Expected shopping outcomes as HTTP errors; anything else is left to the global filter. */
export function httpErrorOf(error: unknown): HttpException | undefined {
  if (error instanceof ShoppingError) {
    const status =
      error instanceof ShoppingNotFoundError ? 404
      : error instanceof ShoppingValidationError ? 400
      : error instanceof ShoppingConflictError ? 409
      : error instanceof InvalidCredentialsError ? 401
      : error instanceof SignInThrottledError ? 429
      : 400;
    return new HttpErrorWithDetails(status, error.message, error.details);
  }
  if (error instanceof ReviewError) return new HttpErrorWithDetails(httpStatusOfReviewError(error), error.message, error.details);
  if (error instanceof CheckoutUnavailableError || error instanceof SearchUnavailableError) return new HttpErrorWithDetails(503, error.message, []);
  return undefined;
}

@Injectable()
export class ShoppingErrorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof SignInThrottledError) void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(error.retryAfterSeconds));
        throw httpErrorOf(error) ?? error;
      }),
    );
  }
}
