import type { TenantTransaction } from '@storefront/tenancy';
import { randomUUID } from 'node:crypto';
import { IdempotencyKeyReusedError, PaymentInDoubtError } from '../checkout-errors';

/** A payment attempt recorded before its gateway call; the gateway sees `gatewayKey`. */
export interface PaymentAttempt {
  readonly id: string;
  /** The gateway's idempotency key: the same attempt never charges twice. */
  readonly gatewayKey: string;
  /** True when this is a retry of a request whose earlier call's outcome is unknown. */
  readonly resumed: boolean;
}

export interface OpenPaymentAttempt {
  /** The request's Idempotency-Key; without one every call is an attempt of its own. */
  readonly requestKey: string | undefined;
  readonly requestHash: string | undefined;
  readonly method: string;
  readonly amount: number;
  readonly currency: string;
}

interface OpenRow {
  id: string;
  request_hash: string | null;
  method: string;
  amount: string;
  currency: string;
}

/**
 * The `payment_attempts` table: written in the transaction that reserves the stock, before the
 * gateway is called, and resolved (placed, declined, refunded) in the transaction that settles
 * it. An attempt left `started` had an unknown outcome (timeout, crash): a retry of the same
 * request resumes it with the same gateway key, so the gateway answers with the first charge.
 */
export class PaymentAttempts {
  async open(tx: TenantTransaction, request: OpenPaymentAttempt): Promise<PaymentAttempt> {
    // One round trip on the common path: a new attempt, unless this request key has one open
    // (the partial unique index on open request keys says so), which is then resumed.
    const id = randomUUID();
    const inserted = await tx.query<{ id: string }[]>(
      `INSERT INTO payment_attempts (id, request_key, request_hash, method, amount, currency, status) VALUES ($1, $2, $3, $4, $5, $6, 'started')
       ON CONFLICT (request_key) WHERE status = 'started' DO NOTHING RETURNING id`,
      [id, request.requestKey ?? null, request.requestHash ?? null, request.method, request.amount, request.currency],
    );
    if (inserted.length > 0) return { id, gatewayKey: gatewayKeyOf(id), resumed: false };
    const [open] = await tx.query<OpenRow[]>(
      `SELECT id, request_hash, method, amount, currency FROM payment_attempts WHERE request_key = $1 AND status = 'started' FOR UPDATE`,
      [request.requestKey],
    );
    if (!open) throw new Error(`payment attempt of request key ${request.requestKey} vanished while it was resumed`);
    if (open.request_hash !== request.requestHash) throw new IdempotencyKeyReusedError();
    // Same request, re-priced since: the gateway would refuse the key with other parameters.
    if (open.method !== request.method || Number(open.amount) !== request.amount || open.currency !== request.currency) throw new PaymentInDoubtError();
    // Fresh again: the reconciler leaves an attempt alone while its request is being retried.
    await tx.query('UPDATE payment_attempts SET updated_at = now() WHERE id = $1', [open.id]);
    return { id: open.id, gatewayKey: gatewayKeyOf(open.id), resumed: true };
  }

  async recordReference(tx: TenantTransaction, attemptId: string, gatewayReference: string): Promise<void> {
    await tx.query(`UPDATE payment_attempts SET gateway_reference = $2, updated_at = now() WHERE id = $1`, [attemptId, gatewayReference]);
  }

  /** The gateway said no, or the charge was given back: a retry starts a new attempt. */
  async resolve(tx: TenantTransaction, attemptId: string, status: 'declined' | 'refunded', gatewayReference?: string): Promise<void> {
    await tx.query(
      `UPDATE payment_attempts SET status = $2, gateway_reference = coalesce($3, gateway_reference), updated_at = now() WHERE id = $1 AND status = 'started'`,
      [attemptId, status, gatewayReference ?? null],
    );
  }
}

export function gatewayKeyOf(attemptId: string): string {
  return `payment-attempt-${attemptId}`;
}
