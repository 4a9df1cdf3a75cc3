import type { TenantContext } from '@storefront/contracts';
import { appendToOutbox, newDomainEvent } from '@storefront/outbox';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { CheckoutError, PaymentTimeoutError, SoldOutError } from '../checkout-errors';
import { IdempotencyKeys, type StoredResponse } from '../idempotency/idempotency-keys';
import { OrderRepository } from '../orders/order.repository';
import type { PaymentGateways } from '../payments/payment-gateways';
import type { ChargeResult } from '../payments/payment-gateway.strategy';
import { FlashSaleGate, type GateLine } from '../stock/flash-sale.gate';
import { StockReservations } from '../stock/stock-reservations';
import { priceLines, type PricedCart } from './line-pricer';
import { placeOrderRequestHash, type PlaceOrderInput, type PlacedOrder } from './place-order.input';

export interface PlaceOrderServiceOptions {
  readonly unitOfWork: TenantUnitOfWork;
  readonly gateways: PaymentGateways;
  readonly flashGate: FlashSaleGate;
  readonly idempotencyKeys?: IdempotencyKeys;
  readonly logger?: Logger;
  /** How long reserved stock waits for its payment before the sweeper gives it back. */
  readonly reservationTtlSeconds?: number;
}

/**
 * Place order: flash-sale gate, re-price and reserve stock (one short transaction), take
 * payment outside any transaction, then order + payment + `order.placed` + the idempotent
 * answer in one transaction. Every failure after the reservation gives the stock back.
 */
export class PlaceOrderService {
  private readonly unitOfWork: TenantUnitOfWork;
  private readonly idempotencyKeys: IdempotencyKeys;
  private readonly reservations = new StockReservations();
  private readonly orders = new OrderRepository();
  private readonly reservationTtlSeconds: number;

  constructor(private readonly options: PlaceOrderServiceOptions) {
    this.unitOfWork = options.unitOfWork;
    this.idempotencyKeys = options.idempotencyKeys ?? new IdempotencyKeys(options.unitOfWork);
    this.reservationTtlSeconds = options.reservationTtlSeconds ?? 900;
  }

  /**
   * Answers 201 with the order or an expected refusal (400/402/409) as a response to send;
   * with a key, that answer is what every duplicate gets. Throws what must not be replayed
   * (gateway timeout, unexpected failures), after releasing the key so a retry runs afresh.
   */
  async placeOrder(ctx: TenantContext, input: PlaceOrderInput, idempotencyKey?: string): Promise<StoredResponse> {
    if (idempotencyKey === undefined) {
      try {
        return { statusCode: 201, body: await this.place(ctx, input, null) };
      } catch (error) {
        if (isReplayable(error)) return { statusCode: error.statusCode, body: error.toResponse() };
        throw error;
      }
    }
    const claim = await this.idempotencyKeys.claim(ctx, idempotencyKey, placeOrderRequestHash(input));
    if (claim.kind === 'replay') return claim.response;
    try {
      return { statusCode: 201, body: await this.place(ctx, input, idempotencyKey) };
    } catch (error) {
      if (isReplayable(error)) {
        const response = { statusCode: error.statusCode, body: error.toResponse() };
        await this.unitOfWork.run(ctx, (tx) => this.idempotencyKeys.complete(tx, idempotencyKey, response));
        return response;
      }
      await this.idempotencyKeys.abandon(ctx, idempotencyKey);
      throw error;
    }
  }

  private async place(ctx: TenantContext, input: PlaceOrderInput, idempotencyKey: string | null): Promise<PlacedOrder> {
    const gated = await this.passFlashGate(ctx, input);
    const reservationId = randomUUID();
    const cart = await this.reserve(ctx, input, reservationId).catch(async (error: unknown) => {
      await this.reconcileGate(ctx, gated, error);
      throw error;
    });

    const orderId = randomUUID();
    let charge: ChargeResult;
    try {
      charge = await this.options.gateways.charge(ctx, input.paymentMethod, {
        amount: cart.subtotal,
        currency: cart.currency,
        ...(input.paymentToken !== undefined ? { token: input.paymentToken } : {}),
        idempotencyKey: `order-${reservationId}`,
        description: `order ${orderId}`,
      });
    } catch (error) {
      await this.giveBack(ctx, reservationId, gated);
      throw error;
    }

    try {
      return await this.unitOfWork.run(ctx, async (tx) => {
        if (!(await this.reservations.consume(tx, reservationId))) {
          // The sweeper already returned this stock (the payment outlived the reservation): take it again.
          await this.reservations.take(tx, cart.lines);
        }
        const { number } = await this.orders.insert(tx, {
          id: orderId,
          customerId: input.customerId ?? null,
          cart,
          total: cart.subtotal,
          shippingAddress: input.shippingAddress,
          paymentMethod: input.paymentMethod,
          paymentStatus: charge.status,
          paymentReference: charge.reference,
          idempotencyKey,
        });
        const placed: PlacedOrder = { orderId, number, status: 'placed', total: { amount: cart.subtotal, currency: cart.currency } };
        await appendToOutbox(
          tx,
          newDomainEvent(ctx, 'order.placed', {
            orderId,
            number,
            customerId: input.customerId ?? null,
            total: placed.total,
            lines: cart.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitAmount: line.unitAmount })),
          }),
        );
        if (idempotencyKey !== null) await this.idempotencyKeys.complete(tx, idempotencyKey, { statusCode: 201, body: placed });
        return placed;
      });
    } catch (error) {
      // The money was taken but the order could not be written: give both back.
      await this.options.gateways
        .refund(ctx, input.paymentMethod, { reference: charge.reference, amount: cart.subtotal, currency: cart.currency, idempotencyKey: `void-${reservationId}` })
        .catch((refundError: unknown) => this.options.logger?.error({ err: refundError, orderId }, 'refund after a failed order write failed'));
      await this.giveBack(ctx, reservationId, gated);
      throw error;
    }
  }

  /** Flash-sale SKUs are decided in Redis first; losers leave without touching PostgreSQL. */
  private async passFlashGate(ctx: TenantContext, input: PlaceOrderInput): Promise<GateLine[]> {
    let lines: GateLine[] = input.lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
    let decision = await this.options.flashGate.admit(ctx, lines);
    if (decision.kind === 'missing') {
      const entries = await this.unitOfWork.run(ctx, (tx) =>
        tx.query<{ sku: string; flash_sale: boolean; stock: number }[]>(
          'SELECT sku, flash_sale, stock FROM variants WHERE sku = ANY($1::text[])',
          [lines.map((line) => line.sku)],
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

  private async reserve(ctx: TenantContext, input: PlaceOrderInput, reservationId: string): Promise<PricedCart> {
    const attempt = () =>
      this.unitOfWork.run(ctx, async (tx) => {
        const cart = await priceLines(tx, input.lines);
        this.options.gateways.gatewayFor(input.paymentMethod); // refuse an unknown method before taking stock
        await this.reservations.reserve(tx, reservationId, cart.lines, this.reservationTtlSeconds);
        return cart;
      });
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof SoldOutError)) throw error;
      // Stock may sit in reservations of crashed processes: reclaim those, then try once more.
      const reclaimed = await this.unitOfWork.run(ctx, (tx) => this.reservations.releaseExpired(tx));
      if (reclaimed.length === 0) throw error;
      return attempt();
    }
  }

  /** After PostgreSQL refused: align the refused SKU's gate with the database, return the rest. */
  private async reconcileGate(ctx: TenantContext, gated: readonly GateLine[], error: unknown): Promise<void> {
    if (gated.length === 0) return;
    const refusedSku = error instanceof SoldOutError ? error.sku : undefined;
    await this.options.flashGate.giveBack(ctx, gated.filter((line) => line.sku !== refusedSku));
    if (refusedSku && gated.some((line) => line.sku === refusedSku)) {
      const [row] = await this.unitOfWork.run(ctx, (tx) => tx.query<{ stock: number }[]>('SELECT stock FROM variants WHERE sku = $1', [refusedSku]));
      await this.options.flashGate.correct(ctx, refusedSku, row?.stock ?? 0);
    }
  }

  private async giveBack(ctx: TenantContext, reservationId: string, gated: readonly GateLine[]): Promise<void> {
    await this.unitOfWork.run(ctx, (tx) => this.reservations.release(tx, reservationId));
    await this.options.flashGate.giveBack(ctx, gated);
  }
}

/** Refusals that describe the request (and so are replayed); a timeout may go otherwise next time. */
function isReplayable(error: unknown): error is CheckoutError {
  return error instanceof CheckoutError && !(error instanceof PaymentTimeoutError);
}
