import type { TenantContext } from '@storefront/contracts';
import { appendToOutbox } from '@storefront/outbox';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { CheckoutError, PaymentDeclinedError, PaymentTimeoutError, PriceChangedError, RequestInProgressError, SoldOutError } from '../checkout-errors';
import { IdempotencyKeys, type StoredResponse } from '../idempotency/idempotency-keys';
import { orderPlacedEvent } from '../orders/order-placed.event';
import { OrderRepository } from '../orders/order.repository';
import { PaymentAttempts, type PaymentAttempt } from '../payments/payment-attempts';
import type { ChargeResult } from '../payments/payment-gateway.strategy';
import type { PaymentGateways } from '../payments/payment-gateways';
import { FlashSaleGate, type GateLine } from '../stock/flash-sale.gate';
import { StockReservations } from '../stock/stock-reservations';
import { priceCart, type CartTotals } from '../selling/cart-totals';
import { customerKeyOf, Redemptions } from '../selling/redemptions';
import { placeOrderRequestHash, type PlaceOrderInput, type PlacedOrder } from './place-order.input';

export interface PlaceOrderServiceOptions {
  readonly unitOfWork: TenantUnitOfWork;
  readonly gateways: PaymentGateways;
  readonly flashGate: FlashSaleGate;
  readonly idempotencyKeys?: IdempotencyKeys;
  readonly logger?: Logger;
  /** How long reserved stock waits for its payment before it may be reclaimed. */
  readonly reservationTtlSeconds?: number;
  /** How long a duplicate request waits for the first one's answer. */
  readonly duplicateWaitMs?: number;
  /** What time it is for sales, promotions and codes (tests move it; production reads the system clock). */
  readonly clock?: () => Date;
}

/** A keyed request; `undefined` key means the caller sent no Idempotency-Key. */
interface Attempt {
  readonly ctx: TenantContext;
  readonly input: PlaceOrderInput;
  readonly key: string | undefined;
  readonly requestHash: string | undefined;
  readonly reservationId: string;
}

/** Stock reserved and a payment attempt recorded, both in one transaction. */
interface Reservation {
  readonly cart: CartTotals;
  readonly payment: PaymentAttempt;
}

type ReserveOutcome =
  | { readonly kind: 'reserved'; readonly reservation: Reservation; readonly gated: readonly GateLine[] }
  | { readonly kind: 'answered'; readonly response: StoredResponse }
  | { readonly kind: 'busy' };

/**
 * Place order in two transactions around the payment:
 *  1. claim the Idempotency-Key, pass the flash-sale gate, re-price, reserve stock and record the
 *     payment attempt (so no money is ever taken without a row that says so);
 *  2. after the gateway took the money: order + payment + `order.placed` + the stored answer,
 *     and the attempt marked placed.
 * The payment runs outside any transaction, so no row lock waits on a gateway. Every failure
 * after the reservation gives the stock back.
 */
export class PlaceOrderService {
  private readonly unitOfWork: TenantUnitOfWork;
  private readonly idempotencyKeys: IdempotencyKeys;
  private readonly reservations = new StockReservations();
  private readonly orders = new OrderRepository();
  private readonly payments = new PaymentAttempts();
  private readonly redemptions = new Redemptions();
  private readonly clock: () => Date;
  private readonly reservationTtlSeconds: number;
  private readonly duplicateWaitMs: number;

  constructor(private readonly options: PlaceOrderServiceOptions) {
    this.unitOfWork = options.unitOfWork;
    this.idempotencyKeys = options.idempotencyKeys ?? new IdempotencyKeys();
    this.reservationTtlSeconds = options.reservationTtlSeconds ?? 900;
    this.duplicateWaitMs = options.duplicateWaitMs ?? 30_000;
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Answers 201 with the order or an expected refusal (400/402/409) as a response to send; with
   * a key, that answer is what every duplicate gets. Throws what must not be replayed (gateway
   * timeout, unexpected failures), after releasing the key so a retry runs afresh.
   */
  async placeOrder(ctx: TenantContext, input: PlaceOrderInput, idempotencyKey?: string): Promise<StoredResponse> {
    const attempt: Attempt = {
      ctx,
      input,
      key: idempotencyKey,
      requestHash: idempotencyKey === undefined ? undefined : placeOrderRequestHash(input),
      reservationId: randomUUID(),
    };
    const deadline = Date.now() + this.duplicateWaitMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      const outcome = await this.claimAndReserve(attempt);
      if (outcome.kind === 'answered') return outcome.response;
      if (outcome.kind === 'reserved') return this.payAndPlace(attempt, outcome.reservation, outcome.gated);
      if (Date.now() > deadline) throw new RequestInProgressError();
      await sleep(pause);
    }
  }

  private async claimAndReserve(attempt: Attempt): Promise<ReserveOutcome> {
    const { ctx, input, key } = attempt;
    // The gate comes first and outside any transaction: a losing buyer without a key never
    // touches PostgreSQL, and one with a key only records its answer (no hot row involved).
    let gated: GateLine[];
    try {
      gated = await this.passFlashGate(ctx, input);
    } catch (error) {
      if (!(error instanceof SoldOutError)) throw error;
      if (key === undefined) return answered(error);
      return this.unitOfWork.run(ctx, async (tx) => {
        const claim = await this.idempotencyKeys.claim(tx, key, attempt.requestHash!);
        if (claim.kind !== 'owner') return claim.kind === 'replay' ? { kind: 'answered', response: claim.response } : { kind: 'busy' };
        const outcome = answered(error);
        await this.idempotencyKeys.complete(tx, key, outcome.response);
        return outcome;
      });
    }

    let outcome: ReserveOutcome;
    try {
      outcome = await this.unitOfWork.run(ctx, async (tx): Promise<ReserveOutcome> => {
        if (key !== undefined) {
          const claim = await this.idempotencyKeys.claim(tx, key, attempt.requestHash!);
          if (claim.kind === 'replay') return { kind: 'answered', response: claim.response };
          if (claim.kind === 'busy') return { kind: 'busy' };
        }
        // Every refusal below is found before anything is written, so the claim can keep it.
        try {
          return { kind: 'reserved', reservation: await this.reserve(tx, attempt), gated };
        } catch (error) {
          await this.reconcileGate(tx, gated, error);
          gated = [];
          if (key === undefined || !isReplayable(error)) throw error;
          const refusal = answered(error);
          await this.idempotencyKeys.complete(tx, key, refusal.response);
          return refusal;
        }
      });
    } catch (error) {
      await this.options.flashGate.giveBack(ctx, gated);
      if (key === undefined && isReplayable(error)) return answered(error);
      throw error;
    }
    // A duplicate (replayed or still busy) must not keep the gate quantities it passed with.
    if (outcome.kind !== 'reserved') await this.options.flashGate.giveBack(ctx, gated);
    return outcome;
  }

  private async payAndPlace(attempt: Attempt, { cart, payment }: Reservation, gated: readonly GateLine[]): Promise<StoredResponse> {
    const { ctx, input, key, reservationId } = attempt;
    // The order takes the attempt's id: a resumed attempt names the same order to the gateway
    // (metadata, return URL), so the retry's parameters equal the first call's, as its key requires.
    const orderId = payment.id;
    let charge: ChargeResult;
    try {
      // Key and parameters depend on the payment attempt only, which a retry of this request
      // resumes: the gateway then answers with the first charge instead of taking another.
      charge = await this.options.gateways.charge(ctx, input.paymentMethod, {
        amount: cart.totals.total,
        currency: cart.currency,
        ...(input.paymentToken !== undefined ? { token: input.paymentToken } : {}),
        ...(input.returnUrl !== undefined ? { returnUrl: returnUrlFor(input.returnUrl, orderId) } : {}),
        orderId,
        idempotencyKey: payment.gatewayKey,
        description: `payment ${payment.id}`,
        recordReference: (reference) => this.unitOfWork.run(ctx, (tx) => this.payments.recordReference(tx, payment.id, reference)),
      });
    } catch (error) {
      return this.failAfterReservation(attempt, payment, gated, error);
    }

    try {
      const placed = await this.unitOfWork.run(ctx, async (tx) => {
        // Not placed until the shopper confirmed the payment: the stock is held, nothing is announced.
        const awaiting = charge.status === 'requires_action';
        const { number, attemptPlaced, reservationConsumed } = await this.orders.insert(tx, {
          id: orderId,
          status: awaiting ? 'awaiting_payment' : 'placed',
          customerId: input.customerId ?? null,
          cart,
          totals: cart.totals,
          shippingAddress: input.shippingAddress,
          email: input.customerId ? null : (input.email ?? null),
          discountCode: cart.rules.code && cart.totals.discounts.some((d) => d.source === 'code') ? cart.rules.code.code : null,
          paymentMethod: input.paymentMethod,
          paymentStatus: charge.status,
          paymentReference: charge.reference,
          idempotencyKey: key ?? null,
          paymentAttemptId: payment.id,
          reservationId,
        });
        if (!attemptPlaced) throw new Error(`payment attempt ${payment.id} was resolved meanwhile`);
        // The reservation expired and was reclaimed while the payment ran: take the stock again.
        if (!reservationConsumed) await this.reservations.take(tx, cart.lines);
        const total = { amount: cart.totals.total, currency: cart.currency };
        const order: PlacedOrder = awaiting
          ? { orderId, number, status: 'awaiting_payment', total, ...(charge.nextAction ? { nextAction: charge.nextAction } : {}) }
          : { orderId, number, status: 'placed', total };
        if (!awaiting) {
          await appendToOutbox(
            tx,
            orderPlacedEvent(ctx, {
              orderId,
              number,
              customerId: input.customerId ?? null,
              total,
              lines: cart.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitAmount: line.unitAmount })),
            }),
          );
        }
        if (key !== undefined) await this.idempotencyKeys.complete(tx, key, { statusCode: 201, body: order });
        return order;
      });
      return { statusCode: 201, body: placed };
    } catch (error) {
      // The money was taken but the order could not be written: give it back, then the stock.
      // Only a refund the gateway confirmed resolves the attempt; otherwise it stays in doubt.
      // A charge still waiting for the shopper took nothing: it is given up instead.
      let refunded = false;
      const giveBack =
        charge.status === 'requires_action'
          ? this.options.gateways.abandon(ctx, input.paymentMethod, charge.reference)
          : this.options.gateways.refund(ctx, input.paymentMethod, { reference: charge.reference, amount: cart.totals.total, currency: cart.currency, idempotencyKey: `refund-${payment.gatewayKey}` });
      await giveBack
        .then(() => (refunded = true))
        .catch((refundError: unknown) => this.options.logger?.error({ err: refundError, orderId, paymentAttempt: payment.id }, 'refund after a failed order write failed'));
      return this.failAfterReservation(attempt, payment, gated, error, refunded ? charge.reference : undefined);
    }
  }

  /**
   * Releases the stock and the gate; stores a decline under the key, forgets the key otherwise.
   * The payment attempt is resolved when its outcome is known (declined, refunded) and stays
   * `started` when it is not (timeout, failure), for a retry of the request to resume.
   */
  private async failAfterReservation(attempt: Attempt, payment: PaymentAttempt, gated: readonly GateLine[], error: unknown, refundedReference?: string): Promise<StoredResponse> {
    const { ctx, key } = attempt;
    const response = isReplayable(error) ? { statusCode: error.statusCode, body: error.toResponse() } : undefined;
    await this.unitOfWork.run(ctx, async (tx) => {
      await this.reservations.release(tx, attempt.reservationId);
      if (error instanceof PaymentDeclinedError) await this.payments.resolve(tx, payment.id, 'declined');
      if (refundedReference !== undefined) await this.payments.resolve(tx, payment.id, 'refunded', refundedReference);
      if (key === undefined) return;
      if (response) await this.idempotencyKeys.complete(tx, key, response);
      else await this.idempotencyKeys.abandon(tx, key);
    });
    await this.options.flashGate.giveBack(ctx, gated);
    if (response) return response;
    throw error;
  }

  /** Flash-sale SKUs are decided in Redis first; losers leave before any row is locked. */
  private async passFlashGate(ctx: TenantContext, input: PlaceOrderInput): Promise<GateLine[]> {
    let lines: GateLine[] = input.lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
    let decision = await this.options.flashGate.admit(ctx, lines);
    if (decision.kind === 'missing') {
      const entries = await this.unitOfWork.run(ctx, (tx) =>
        // A scheduled sale arms the gate for its variants while it runs (entries expire, so
        // within the gate's TTL of its start and end).
        tx.query<{ sku: string; flash_sale: boolean; stock: number }[]>(
          `SELECT v.sku, v.stock, v.flash_sale OR EXISTS (
                    SELECT 1 FROM sale_prices sp JOIN sales sa ON sa.id = sp.sale_id
                     WHERE sp.variant_id = v.id AND sa.starts_at <= $2 AND $2 < sa.ends_at) AS flash_sale
             FROM variants v WHERE v.sku = ANY($1::text[])`,
          [lines.map((line) => line.sku), this.clock()],
        ),
      );
      await this.options.flashGate.load(ctx, entries.map((row) => ({ sku: row.sku, flashSale: row.flash_sale, stock: row.stock })));
      const known = new Set(entries.map((row) => row.sku));
      lines = lines.filter((line) => known.has(line.sku)); // unknown SKUs: pricing refuses them below
      decision = await this.options.flashGate.admit(ctx, lines);
    }
    switch (decision.kind) {
      case 'admitted':
        return decision.flashLines.map((i) => lines[i]!);
      case 'sold-out': {
        const sku = lines[decision.line]!.sku;
        throw new SoldOutError(sku, `lines.${input.lines.findIndex((line) => line.sku === sku)}.quantity`);
      }
      case 'missing':
        return []; // an entry expired in between: PostgreSQL alone decides this time
    }
  }

  /**
   * Re-prices with the variant rows locked (in id order), checks the stock, then takes it. All
   * refusals come before the first write. Reclaims expired reservations once when short.
   */
  private async reserve(tx: TenantTransaction, attempt: Attempt): Promise<Reservation> {
    const { input, reservationId } = attempt;
    for (let reclaimed = false; ; reclaimed = true) {
      const cart = await priceCart(
        tx,
        {
          lines: input.lines,
          destination: input.shippingAddress,
          ...(input.shippingMethodId !== undefined ? { shippingMethodId: input.shippingMethodId } : {}),
          ...(input.discountCode !== undefined ? { discountCode: input.discountCode } : {}),
        },
        { now: this.clock(), lockForStock: true, requestKey: attempt.key },
      );
      assertTotalAsShown(cart, input.expectedTotal);
      await this.options.gateways.assertAccepted(tx.ctx, input.paymentMethod, tx); // before any stock is taken
      const short = cart.lines.find((line) => line.stock < line.quantity);
      if (!short) {
        // Limits are checked under their rows' locks, before the first write; the uses are
        // written with the attempt, so a payment that ends without an order gives them back.
        const customerKey = customerKeyOf(input.customerId, input.email);
        const code = cart.totals.discounts.some((d) => d.source === 'code') ? cart.rules.code : null;
        // A retry of a request whose payment is in doubt resumes its attempt, which holds its uses.
        if (code) await this.redemptions.checkCode(tx, code, customerKey, cart.rules.heldBy);
        await this.redemptions.checkSales(tx, cart.lines, customerKey, cart.rules.heldBy);
        // Its refusals (a reused key, a payment in doubt) come before its write and the stock's.
        const payment = await this.payments.open(tx, {
          requestKey: attempt.key,
          requestHash: attempt.requestHash,
          method: input.paymentMethod,
          amount: cart.totals.total,
          currency: cart.currency,
        });
        if (code) await this.redemptions.recordCode(tx, code, payment.id, customerKey);
        await this.redemptions.recordSales(tx, cart.lines, payment.id, customerKey);
        await this.reservations.reserve(tx, reservationId, cart.lines, this.reservationTtlSeconds, { locked: true });
        return { cart, payment };
      }
      // Stock may sit in reservations of crashed processes: give those back once, then look again.
      if (reclaimed || (await this.reservations.releaseExpired(tx)).length === 0) {
        throw new SoldOutError(short.sku, `lines.${short.lineNo}.quantity`);
      }
    }
  }

  /** After PostgreSQL refused: align the refused SKU's gate with the database, give back the rest. */
  private async reconcileGate(tx: TenantTransaction, gated: readonly GateLine[], error: unknown): Promise<void> {
    if (gated.length === 0) return;
    const refusedSku = error instanceof SoldOutError ? error.sku : undefined;
    await this.options.flashGate.giveBack(tx.ctx, gated.filter((line) => line.sku !== refusedSku));
    if (refusedSku && gated.some((line) => line.sku === refusedSku)) {
      const [row] = await tx.query<{ stock: number }[]>('SELECT stock FROM variants WHERE sku = $1', [refusedSku]);
      await this.options.flashGate.correct(tx.ctx, refusedSku, row?.stock ?? 0);
    }
  }
}

/** Shipping and tax for the address, or a rule changed since the page: the shopper sees the new total before paying it. */
function assertTotalAsShown(cart: CartTotals, expected: PlaceOrderInput['expectedTotal']): void {
  if (!expected || (cart.totals.total <= expected.amount && expected.currency === cart.currency)) return;
  throw new PriceChangedError(`the total is now ${cart.totals.total} ${cart.currency}`, [{ field: 'expectedTotal', message: `the total is now ${cart.totals.total} ${cart.currency}` }]);
}

/** The shopper comes back to the order the payment was for (`?order=<id>` added to the caller's URL). */
function returnUrlFor(returnUrl: string, orderId: string): string {
  const url = new URL(returnUrl);
  url.searchParams.set('order', orderId);
  return url.toString();
}

function answered(error: CheckoutError): { kind: 'answered'; response: StoredResponse } {
  return { kind: 'answered', response: { statusCode: error.statusCode, body: error.toResponse() } };
}

/** Refusals that describe the request (and so are replayed); a timeout may go otherwise next time. */
function isReplayable(error: unknown): error is CheckoutError {
  // A 5xx (e.g. no keyring on this shard) says nothing about the request: a retry may succeed.
  return error instanceof CheckoutError && !(error instanceof PaymentTimeoutError) && error.statusCode < 500;
}
