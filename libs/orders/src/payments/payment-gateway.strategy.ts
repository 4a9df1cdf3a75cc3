import type { TenantContext } from '@storefront/contracts';

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
  /** `captured`: money taken; `pending`: collected later (cash on delivery). */
  readonly status: 'captured' | 'pending';
  readonly reference: string;
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
}
