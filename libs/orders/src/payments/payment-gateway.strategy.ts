import type { TenantContext } from '@storefront/contracts';
import type { PaymentNextAction } from '../place-order/place-order.input';

export interface ChargeRequest {
  readonly amount: number;
  readonly currency: string;
  readonly token?: string;
  /** Stable per order attempt, so a retried charge is never taken twice by the gateway. */
  readonly idempotencyKey: string;
  readonly description: string;
  /** Aborted when the caller stops waiting (timeout); gateways should stop work then. */
  readonly signal: AbortSignal;
  /**
   * Called with the gateway's reference before any money moves (Stripe: the PaymentIntent,
   * created unconfirmed), so a charge whose caller died can be looked up again.
   */
  readonly recordReference?: (reference: string) => Promise<void>;
  /** Where the shopper comes back after authenticating; a gateway that can wait for them needs it. */
  readonly returnUrl?: string;
  /** The order the charge is for: the gateway's events name it, so they find their order. */
  readonly orderId?: string;
}

/** What became of a charge whose caller lost track of it (timeout, crash). */
export type ChargeLookup =
  | { readonly outcome: 'charged'; readonly reference: string }
  | { readonly outcome: 'not-charged' }
  /** The gateway cannot say yet (e.g. the shopper is still authenticating): ask again later. */
  | { readonly outcome: 'unknown' };

export interface ChargeLookupRequest {
  readonly idempotencyKey: string;
  /** What `recordReference` was given, if it was called. */
  readonly reference: string | null;
  readonly signal: AbortSignal;
}

export interface ChargeResult {
  /**
   * `captured`: money taken; `pending`: collected later (cash on delivery, bank transfer);
   * `requires_action`: the shopper must confirm (card authentication), as `nextAction` says.
   */
  readonly status: 'captured' | 'pending' | 'requires_action';
  readonly reference: string;
  readonly nextAction?: PaymentNextAction;
}

export interface RefundRequest {
  readonly reference: string;
  readonly amount: number;
  readonly currency: string;
  readonly idempotencyKey: string;
  /** Aborted when the caller stops waiting (timeout). */
  readonly signal: AbortSignal;
}

/**
 * One way of taking payment. A decline throws PaymentDeclinedError; anything else thrown is a
 * gateway failure. Implementations: TestCardGateway, OfflinePaymentGateway (cash on delivery, bank transfer), StripeGateway.
 */
export interface PaymentGatewayStrategy {
  readonly method: string;
  charge(ctx: TenantContext, request: ChargeRequest): Promise<ChargeResult>;
  lookup(ctx: TenantContext, request: ChargeLookupRequest): Promise<ChargeLookup>;
  refund(ctx: TenantContext, request: RefundRequest): Promise<{ reference: string }>;
  /**
   * Gives up a charge still waiting for the shopper (`requires_action`), so it can no longer take
   * money; a gateway whose charges never wait has no such method.
   */
  abandon?(ctx: TenantContext, request: { readonly reference: string; readonly signal: AbortSignal }): Promise<void>;
}
