import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { StorePaymentOptions, TenantContext } from '@storefront/contracts';
import type { ResolvedTenant } from '@storefront/tenancy';
import type { FastifyRequest } from 'fastify';
import type { ShopperSession } from '../session/shopper-session';

export interface StoreFront {
  readonly name: string;
  readonly currency: string;
  readonly locale: string;
  /** Test or live mode and the methods checkout offers (a test-mode store shows a banner). */
  readonly payment: StorePaymentOptions;
}

/** Everything a storefront handler knows about who is asking, resolved before it runs. */
export interface ShopperState {
  readonly tenant: ResolvedTenant;
  readonly ctx: TenantContext;
  readonly store: StoreFront;
  readonly session: ShopperSession;
  /** Double-submit token for forms (also set as a cookie). */
  readonly csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    shopper: ShopperState | null;
  }
}

export function shopperOf(request: FastifyRequest): ShopperState {
  if (!request.shopper) throw new Error('storefront route reached without a resolved store');
  return request.shopper;
}

/** Handler parameter: the shopper state of this request. */
export const Shopper = createParamDecorator((_: unknown, context: ExecutionContext): ShopperState =>
  shopperOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
