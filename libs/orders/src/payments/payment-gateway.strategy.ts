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
 * gateway failure. Implementations: TestCardGateway, CashOnDeliveryGateway, StripeGateway.
 */
export interface PaymentGatewayStrategy {
  readonly method: string;
  charge(ctx: TenantContext, request: ChargeRequest): Promise<ChargeResult>;
  refund(ctx: TenantContext, request: RefundRequest): Promise<{ reference: string }>;
}
