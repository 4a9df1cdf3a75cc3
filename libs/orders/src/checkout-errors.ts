import type { ErrorResponse, FieldError } from '@storefront/contracts';

/** The error body of checkout answers: the shared shape plus a stable machine-readable code. */
export interface CheckoutErrorResponse extends ErrorResponse {
  readonly code: string;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  402: 'Payment Required',
  404: 'Not Found',
  409: 'Conflict',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** An expected business outcome that is not a success; each maps to one HTTP status. */
export abstract class CheckoutError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;

  constructor(
    message: string,
    readonly details?: readonly FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }

  toResponse(): CheckoutErrorResponse {
    return {
      statusCode: this.statusCode,
      error: REASONS[this.statusCode] ?? 'Error',
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export class InvalidOrderError extends CheckoutError {
  readonly statusCode = 400;
  readonly code = 'invalid_order';
}

export class SoldOutError extends CheckoutError {
  readonly statusCode = 409;
  readonly code = 'sold_out';
  constructor(readonly sku: string, field: string) {
    super(`${sku} is sold out`, [{ field, message: 'not enough stock left' }]);
  }
}

/** The card gateway takes no charge this small (a 100 % code, a tiny cart): another method can. */
export class AmountBelowMinimumError extends CheckoutError {
  readonly statusCode = 409;
  readonly code = 'amount_below_minimum';
  constructor(amount: number, currency: string) {
    super(`a card payment of ${amount} ${currency} (minor units) is below what card payments can take; choose another payment method`, [
      { field: 'paymentMethod', message: 'card payments need a larger total' },
    ]);
  }
}

export class PriceChangedError extends CheckoutError {
  readonly statusCode = 409;
  readonly code = 'price_changed';
}

export class PaymentDeclinedError extends CheckoutError {
  readonly statusCode = 402;
  readonly code = 'payment_declined';
}

/** Not stored under the idempotency key: the shopper may retry the same request. */
export class PaymentTimeoutError extends CheckoutError {
  readonly statusCode = 504;
  readonly code = 'payment_timeout';
}

export class IdempotencyKeyReusedError extends CheckoutError {
  readonly statusCode = 409;
  readonly code = 'idempotency_key_reused';
  constructor() {
    super('this Idempotency-Key was used with a different request');
  }
}

/**
 * A retry of a checkout request whose earlier payment attempt has an unknown outcome, but whose
 * amount is no longer what that attempt asked for: charging again could take the money twice.
 */
export class PaymentInDoubtError extends CheckoutError {
  readonly statusCode = 409;
  readonly code = 'payment_in_doubt';
  constructor() {
    super('an earlier payment for this request may have gone through, for another amount; it is being checked, so place the order with a new Idempotency-Key only if no charge appears');
  }
}

/** Another call with this Idempotency-Key is still working on it (or died; its lease runs out). */
export class RequestInProgressError extends CheckoutError {
  readonly statusCode = 409;
  readonly code = 'request_in_progress';
  constructor() {
    super('a request with this Idempotency-Key is still in progress; retry it in a moment');
  }
}

/**
 * The gateway did not confirm a refund (it failed or did not answer in time). The payment stays
 * `refund_pending`; the same cancellation or refund again resumes it, and refunds once.
 */
export class RefundPendingError extends CheckoutError {
  readonly statusCode = 502;
  readonly code = 'refund_pending';
  constructor(orderId: string, cause: unknown) {
    super(`the payment gateway did not confirm the refund of order ${orderId}; it is pending: send the same request again`);
    this.cause = cause;
  }
}

export class OrderNotFoundError extends CheckoutError {
  readonly statusCode = 404;
  readonly code = 'order_not_found';
  constructor(orderId: string) {
    super(`order ${orderId} not found`);
  }
}

export class OrderStateError extends CheckoutError {
  readonly statusCode = 409;
  readonly code = 'invalid_order_state';
}

/** The built-in test card is for trying a store out: a live store takes real money only. */
export class TestCardInLiveModeError extends CheckoutError {
  readonly statusCode = 400;
  readonly code = 'test_card_in_live_mode';
  constructor() {
    super('this store is live and takes real payments only: the test card is refused', [
      { field: 'paymentMethod', message: 'the test card works only while the store is in test mode' },
    ]);
  }
}

/** Payment settings that are malformed field by field (the details name the fields). */
export class InvalidPaymentSettingsError extends CheckoutError {
  readonly statusCode = 400;
  readonly code = 'invalid_payment_settings';
}

/** Settings that are well-formed but cannot hold together, e.g. going live with nothing to pay by. */
export class PaymentSettingsConflictError extends CheckoutError {
  readonly statusCode = 409;
  constructor(
    readonly code: string,
    message: string,
    details?: readonly FieldError[],
  ) {
    super(message, details);
  }
}

/** The shard has no keyring (PLATFORM_SECRETS_KEYRING), so it can neither store nor use provider secrets. */
export class PaymentSecretsUnavailableError extends CheckoutError {
  readonly statusCode = 503;
  readonly code = 'payment_secrets_unavailable';
  constructor() {
    super('payment provider secrets cannot be stored or used here: the platform has no secrets keyring configured (PLATFORM_SECRETS_KEYRING)');
  }
}
