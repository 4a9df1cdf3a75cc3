import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { TenantCacheInvalidator } from '@storefront/tenant-cache';
import { from, mergeMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/principals';

export const STOREFRONT_CACHE = Symbol('STOREFRONT_CACHE');

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * After a merchant's successful write (products, variants, stock, categories, settings), the
 * storefronts' cached catalog of that tenant is dropped. The handler has returned, so its
 * transaction committed: a storefront that reloads sees the new data, never the old.
 */
@Injectable()
export class StorefrontCacheInterceptor implements NestInterceptor {
  constructor(@Inject(STOREFRONT_CACHE) private readonly cache: TenantCacheInvalidator) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return next.handle().pipe(
      mergeMap((result) => {
        const principal = request.principal;
        if (READ_METHODS.has(request.method) || principal?.kind !== 'merchant') return [result];
        return from(this.cache.invalidate(principal.tenant.id).then(() => result));
      }),
    );
  }
}
