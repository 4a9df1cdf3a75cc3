import type { TenantContext } from '@storefront/contracts';
import { appendToOutbox, newDomainEvent } from '@storefront/outbox';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { isPostgresError, PostgresErrorCode } from '@storefront/database';
import { InvalidOrderError, OrderNotFoundError, OrderStateError } from '../checkout-errors';
import type { PaymentGateways } from '../payments/payment-gateways';
import type { FlashSaleGate } from '../stock/flash-sale.gate';
import { StockReservations } from '../stock/stock-reservations';
import { OrderRepository, type Order, type OrderDetail, type OrdersSummary, type OrderStatus } from './order.repository';

/**
 * What a merchant does with an order after it was placed: fulfil, cancel (stock returns, money
 * goes back), refund. Each change locks the order row and writes its event in the same transaction.
 */
export class OrderLifecycleService {
  private readonly orders = new OrderRepository();
  private readonly reservations = new StockReservations();

  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly gateways: PaymentGateways,
    private readonly flashGate?: FlashSaleGate,
  ) {}

  getOrder(ctx: TenantContext, orderId: string): Promise<OrderDetail> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const order = await this.orders.findById(tx, orderId);
      if (!order) throw new OrderNotFoundError(orderId);
      return order;
    });
  }

  listOrders(ctx: TenantContext, filter: { customerId?: string; status?: OrderStatus; limit?: number; offset?: number } = {}): Promise<Order[]> {
    return this.unitOfWork.run(ctx, (tx) =>
      this.orders.list(tx, { ...filter, limit: Math.min(filter.limit ?? 50, 200), offset: filter.offset ?? 0 }),
    );
  }

  /** One page of orders and how many match the filter in all (in one transaction, so they agree). */
  pageOfOrders(
    ctx: TenantContext,
    filter: { customerId?: string; status?: OrderStatus; limit?: number; offset?: number } = {},
  ): Promise<{ items: Order[]; total: number }> {
    return this.unitOfWork.run(ctx, async (tx) => ({
      items: await this.orders.list(tx, { ...filter, limit: Math.min(filter.limit ?? 50, 200), offset: filter.offset ?? 0 }),
      total: await this.orders.count(tx, filter),
    }));
  }

  /** Today's orders and revenue, "today" being the calendar day in `timeZone` (IANA name) at `at` (now). */
  async summaryOfToday(ctx: TenantContext, timeZone: string, at?: Date): Promise<OrdersSummary> {
    try {
      return await this.unitOfWork.run(ctx, (tx) => this.orders.summaryOfToday(tx, timeZone, at));
    } catch (error) {
      // A zone the validator let through that PostgreSQL does not know.
      if (isPostgresError(error, PostgresErrorCode.invalidParameterValue)) throw new InvalidOrderError('unknown time zone', [{ field: 'timeZone', message: 'is not a time zone PostgreSQL knows' }]);
      throw error;
    }
  }

  fulfil(ctx: TenantContext, orderId: string): Promise<OrderDetail> {
    return this.transition(ctx, orderId, ['placed'], 'fulfilled', async () => undefined);
  }

  /** Cancels a placed order: the money goes back through its gateway and the stock returns. */
  async cancel(ctx: TenantContext, orderId: string): Promise<OrderDetail> {
    const order = await this.transition(ctx, orderId, ['placed'], 'cancelled', async (tx, current) => {
      await this.returnPayment(ctx, tx, current, `cancel-${orderId}`);
      await this.reservations.restock(tx, current.lines);
    });
    // Flash-sale gates hold a copy of the stock: drop it so the next buyer reloads it.
    await this.flashGate?.forget(ctx, order.lines.map((line) => line.sku));
    return order;
  }

  /** Refunds what was captured; the goods may be with the shopper, so stock stays as it is. */
  refund(ctx: TenantContext, orderId: string): Promise<OrderDetail> {
    return this.transition(ctx, orderId, ['placed', 'fulfilled'], 'refunded', async (tx, current) => {
      if (current.payment?.status !== 'captured') throw new OrderStateError(`order ${orderId} has no captured payment to refund`);
      await this.returnPayment(ctx, tx, current, `refund-${orderId}`);
    });
  }

  private async transition(
    ctx: TenantContext,
    orderId: string,
    from: readonly OrderStatus[],
    to: OrderStatus,
    effect: (tx: TenantTransaction, order: Order) => Promise<void>,
  ): Promise<OrderDetail> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const order = await this.orders.findById(tx, orderId, { lock: true });
      if (!order) throw new OrderNotFoundError(orderId);
      if (!from.includes(order.status)) throw new OrderStateError(`order ${orderId} is ${order.status}; it cannot become ${to}`);
      await effect(tx, order);
      await this.orders.setStatus(tx, orderId, to);
      // The lines travel along: a cancellation gives their stock back, which search reflects.
      const lines = order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
      await appendToOutbox(tx, newDomainEvent(ctx, `order.${to}`, { orderId, number: order.number, from: order.status, lines }));
      return (await this.orders.findById(tx, orderId))!;
    });
  }

  /** Captured money is refunded through the gateway (idempotent key); a pending payment is voided. */
  private async returnPayment(ctx: TenantContext, tx: TenantTransaction, order: Order, idempotencyKey: string): Promise<void> {
    const payment = order.payment;
    if (!payment) return;
    if (payment.status === 'captured') {
      const remaining = payment.amount.amount - payment.refunded.amount;
      await this.gateways.refund(ctx, payment.method, {
        reference: payment.reference ?? '',
        amount: remaining,
        currency: payment.amount.currency,
        idempotencyKey,
      });
      await this.orders.setPaymentStatus(tx, order.id, 'refunded', payment.amount.amount);
    } else if (payment.status === 'pending') {
      await this.orders.setPaymentStatus(tx, order.id, 'voided', 0);
    }
  }
}
