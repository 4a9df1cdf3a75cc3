import type { TenantContext } from '@storefront/contracts';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { setTimeout as sleep } from 'node:timers/promises';
import { IdempotencyKeyReusedError } from '../checkout-errors';

/** A response as first answered, replayed verbatim for the same key and request. */
export interface StoredResponse {
  readonly statusCode: number;
  readonly body: unknown;
}

export type IdempotencyClaim = { readonly kind: 'owner' } | { readonly kind: 'replay'; readonly response: StoredResponse };

export interface IdempotencyKeysOptions {
  /** How long a finished answer is replayed. */
  readonly retentionSeconds?: number;
  /** How long the first request may work before a duplicate takes over (it crashed). */
  readonly leaseSeconds?: number;
  /** How long a duplicate waits for the first request's answer. */
  readonly waitMs?: number;
}

interface KeyRow {
  request_hash: string;
  status: 'processing' | 'completed';
  response_status: number | null;
  response_body: unknown;
  lease_expired: boolean;
}

/**
 * Idempotency-Key handling for place-order, per tenant. The first request claims the key; a
 * duplicate with the same body waits for and replays its answer, one with another body gets 409.
 * The answer is stored in the same transaction as the order, so they can never disagree.
 */
export class IdempotencyKeys {
  private readonly retentionSeconds: number;
  private readonly leaseSeconds: number;
  private readonly waitMs: number;

  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    options: IdempotencyKeysOptions = {},
  ) {
    this.retentionSeconds = options.retentionSeconds ?? 24 * 3600;
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.waitMs = options.waitMs ?? 30_000;
  }

  async claim(ctx: TenantContext, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const deadline = Date.now() + this.waitMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      const outcome = await this.unitOfWork.run(ctx, (tx) => this.tryClaim(tx, key, requestHash));
      if (outcome) return outcome;
      if (Date.now() > deadline) throw new Error(`request with Idempotency-Key ${key} is still in progress`);
      await sleep(pause);
    }
  }

  /** Stores the answer; call inside the transaction that made it true. */
  async complete(tx: TenantTransaction, key: string, response: StoredResponse): Promise<void> {
    await tx.query(
      `UPDATE idempotency_keys SET status = 'completed', response_status = $2, response_body = $3 WHERE key = $1`,
      [key, response.statusCode, JSON.stringify(response.body)],
    );
  }

  /** Forgets a claim whose request failed without an answer worth keeping, so a retry runs afresh. */
  async abandon(ctx: TenantContext, key: string): Promise<void> {
    await this.unitOfWork.run(ctx, (tx) => tx.query(`DELETE FROM idempotency_keys WHERE key = $1 AND status = 'processing'`, [key]));
  }

  private async tryClaim(tx: TenantTransaction, key: string, requestHash: string): Promise<IdempotencyClaim | undefined> {
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
    if (!row) return undefined; // abandoned between our two statements: try again
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
    return undefined;
  }
}
