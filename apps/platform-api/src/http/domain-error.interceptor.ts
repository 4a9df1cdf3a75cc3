import {
  HttpException,
  HttpStatus,
  NotFoundException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import {
  CatalogConflictError,
  CatalogNotFoundError,
  CatalogValidationError,
  ProductLimitReachedError,
  type CatalogError,
} from '@storefront/catalog';
import { SellingRuleConflictError, SellingRuleNotFoundError } from '@storefront/orders';
import { httpStatusOfReviewError, ReviewError } from '@storefront/reviews';
import { HttpErrorWithDetails } from '@storefront/service-runtime';
import { StoreSettingNotFoundError, StoreSettingValidationError } from '@storefront/store-settings';
import { TenantNotFoundError } from '@storefront/tenancy';
import type { FastifyReply } from 'fastify';
import { catchError, type Observable } from 'rxjs';
import { StoreUnavailableError } from '../provisioning/store-lifecycle.strategy';
import { RateLimitedError } from '../throttling/fixed-window-limiter';

/** Expected outcomes of services -> HTTP answers, so services stay free of HTTP and routes stay thin. */
export class DomainErrorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof RateLimitedError || error instanceof StoreUnavailableError) {
          void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(error.retryAfterSeconds));
          const status = error instanceof RateLimitedError ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
          throw new HttpException(error.message, status);
        }
        throw toHttpError(error);
      }),
    );
  }
}

function toHttpError(error: unknown): unknown {
  // Another tenant's id and a missing id answer the same, so ids reveal nothing.
  if (error instanceof CatalogNotFoundError || error instanceof TenantNotFoundError || error instanceof StoreSettingNotFoundError || error instanceof SellingRuleNotFoundError) {
    return new NotFoundException(error.message);
  }
  if (error instanceof ReviewError) return new HttpErrorWithDetails(httpStatusOfReviewError(error), error.message, error.details);
  if (error instanceof CatalogValidationError || error instanceof StoreSettingValidationError) return withDetails(HttpStatus.BAD_REQUEST, error);
  if (error instanceof CatalogConflictError || error instanceof SellingRuleConflictError) return withDetails(HttpStatus.CONFLICT, error);
  if (error instanceof ProductLimitReachedError) return withDetails(HttpStatus.FORBIDDEN, error);
  return error;
}

function withDetails(status: HttpStatus, error: CatalogError | StoreSettingValidationError | SellingRuleConflictError): HttpErrorWithDetails {
  return new HttpErrorWithDetails(status, error.message, error.details);
}
