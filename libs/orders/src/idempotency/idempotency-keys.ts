import type { TenantTransaction } from '@storefront/tenancy';
import { IdempotencyKeyReusedError } from '../checkout-errors';

/** A response as first answered, replayed verbatim for the same key and request. */
export interface StoredResponse {
  readonly statusCode: number;
  readonly body: unknown;
}

export type IdempotencyClaim =
  | { readonly kind: 'owner' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  /** Another request with this key is still working on it: look again shortly. */
  | { readonly kind: 'busy' };

export interface IdempotencyKeysOptions {
  /** How long a finished answer is replayed. */
  readonly retentionSeconds?: number;
  /** How long the first request may work before a duplicate takes over (it crashed). */
  readonly leaseSeconds?: number;
}

interface KeyRow {
  request_hash: string;
  status: 'processing' | 'completed';
  response_status: number | null;
  response_body: unknown;
  lease_expired: boolean;
}

/**
 * Idempotency-Key records of place-order, per tenant. The claim is made inside the request's
 * first transaction, so concurrent duplicates queue on the key's unique index for only that
 * long; the answer is stored in the transaction that made it true, so they never disagree.
 */
export class IdempotencyKeys {
  private readonly retentionSeconds: number;
  private readonly leaseSeconds: number;

  constructor(options: IdempotencyKeysOptions = {}) {
    this.retentionSeconds = options.retentionSeconds ?? 24 * 3600;
    this.leaseSeconds = options.leaseSeconds ?? 60;
  }

  /** Owner of a new (or expired, or abandoned-by-a-crash) key; the stored answer; or busy. */
  async claim(tx: TenantTransaction, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const inserted = await tx.query<unknown[]>(
      `INSERT INTO idempotency_keys (key, request_hash, status, locked_until, expires_at)
       VALUES ($1, $2, 'processing', now() + make_interval(secs => $3), now() + make_interval(secs => $4))
       ON CONFLICT (key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, status = 'processing', response_status = NULL, response_body = NULL,
             locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at, created_at = now()
         WHERE idempotency_keys.expires_at < now()
       RETURNING key`,
      [key, requestHash, this.leaseSeconds, this.retentionSeconds],
    );
    if (inserted.length > 0) return { kind: 'owner' };

    const [row] = await tx.query<KeyRow[]>(
      `SELECT request_hash, status, response_status, response_body, locked_until < now() AS lease_expired
         FROM idempotency_keys WHERE key = $1`,
      [key],
    );
    if (!row) return { kind: 'busy' }; // abandoned between our two statements: look again
    if (row.request_hash !== requestHash) throw new IdempotencyKeyReusedError();
    if (row.status === 'completed') return { kind: 'replay', response: { statusCode: row.response_status!, body: row.response_body } };
    if (row.lease_expired) {
      const [taken] = await tx.query<[unknown[], number]>(
        `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $2)
          WHERE key = $1 AND status = 'processing' AND locked_until < now() RETURNING key`,
        [key, this.leaseSeconds],
      );
      if (taken.length > 0) return { kind: 'owner' };
    }
    return { kind: 'busy' };
  }

  /** Stores the answer; call inside the transaction that made it true. */
  async complete(tx: TenantTransaction, key: string, response: StoredResponse): Promise<void> {
    await tx.query(
      `UPDATE idempotency_keys SET status = 'completed', response_status = $2, response_body = $3 WHERE key = $1`,
      [key, response.statusCode, JSON.stringify(response.body)],
    );
  }

  /** Forgets a claim whose request failed without an answer worth keeping, so a retry runs afresh. */
  async abandon(tx: TenantTransaction, key: string): Promise<void> {
    await tx.query(`DELETE FROM idempotency_keys WHERE key = $1 AND status = 'processing'`, [key]);
  }
}
