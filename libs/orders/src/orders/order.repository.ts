import type { TenantTransaction } from '@storefront/tenancy';
import { toAmount, type Money } from '../money';
import type { PricedCart } from '../place-order/line-pricer';
import type { ShippingAddress } from '../place-order/place-order.input';

export type OrderStatus = 'placed' | 'fulfilled' | 'cancelled' | 'refunded';
export type PaymentStatus = 'captured' | 'pending' | 'refunded' | 'voided';

export interface OrderLine {
  readonly variantId: string;
  readonly sku: string;
  readonly title: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly total: Money;
}

export interface OrderPayment {
  readonly method: string;
  readonly status: PaymentStatus;
  readonly amount: Money;
  readonly refunded: Money;
  readonly reference: string | null;
}

export interface Order {
  readonly id: string;
  readonly number: number;
  readonly status: OrderStatus;
  readonly customerId: string | null;
  readonly subtotal: Money;
  readonly total: Money;
  readonly shippingAddress: ShippingAddress;
  readonly lines: readonly OrderLine[];
  readonly payment: OrderPayment | null;
  readonly placedAt: string;
}

export interface NewOrder {
  readonly id: string;
  readonly customerId: string | null;
  readonly cart: PricedCart;
  readonly total: number;
  readonly shippingAddress: ShippingAddress;
  readonly paymentMethod: string;
  readonly paymentStatus: PaymentStatus;
  readonly paymentReference: string;
  readonly idempotencyKey: string | null;
}

interface OrderRow {
  id: string;
  number: string;
  status: OrderStatus;
  customer_id: string | null;
  currency: string;
  subtotal_amount: string;
  total_amount: string;
  shipping_address: ShippingAddress;
  placed_at: Date;
  lines: { variant_id: string; sku: string; title: string; quantity: number; unit_amount: number; line_amount: number }[];
  payment: { method: string; status: PaymentStatus; amount: number; refunded_amount: number; gateway_reference: string | null } | null;
}

const ORDER_SELECT = `
  SELECT o.id, o.number, o.status, o.customer_id, o.currency, o.subtotal_amount, o.total_amount, o.shipping_address, o.placed_at,
         (SELECT coalesce(json_agg(json_build_object('variant_id', l.variant_id, 'sku', l.sku, 'title', l.title, 'quantity', l.quantity,
                  'unit_amount', l.unit_amount, 'line_amount', l.line_amount) ORDER BY l.line_no), '[]') FROM order_lines l WHERE l.order_id = o.id) AS lines,
         (SELECT json_build_object('method', p.method, 'status', p.status, 'amount', p.amount, 'refunded_amount', p.refunded_amount,
                  'gateway_reference', p.gateway_reference) FROM payments p WHERE p.order_id = o.id ORDER BY p.created_at LIMIT 1) AS payment
    FROM orders o`;

/** Orders with their lines and payment, read and written inside a tenant transaction. */
export class OrderRepository {
  /** Order, lines and payment in one statement (one round trip on the hot path). */
  async insert(tx: TenantTransaction, order: NewOrder): Promise<{ number: number }> {
    const { cart } = order;
    const [row] = await tx.query<{ number: string }[]>(
      `WITH o AS (
         INSERT INTO orders (id, status, customer_id, currency, subtotal_amount, total_amount, shipping_address, payment_method, idempotency_key)
         VALUES ($1, 'placed', $2, $3, $4, $5, $6, $7, $8) RETURNING id, number
       ), l AS (
         INSERT INTO order_lines (order_id, line_no, variant_id, sku, title, quantity, unit_amount, line_amount)
         SELECT o.id, x.line_no, x.variant_id, x.sku, x.title, x.quantity, x.unit_amount, x.line_amount
           FROM o, unnest($9::int[], $10::uuid[], $11::text[], $12::text[], $13::int[], $14::bigint[], $15::bigint[])
                AS x(line_no, variant_id, sku, title, quantity, unit_amount, line_amount)
       ), p AS (
         INSERT INTO payments (order_id, method, status, amount, currency, gateway_reference)
         SELECT o.id, $7, $16, $5, $3, $17 FROM o
       )
       SELECT number FROM o`,
      [
        order.id,
        order.customerId,
        cart.currency,
        cart.subtotal,
        order.total,
        JSON.stringify(order.shippingAddress),
        order.paymentMethod,
        order.idempotencyKey,
        cart.lines.map((line) => line.lineNo),
        cart.lines.map((line) => line.variantId),
        cart.lines.map((line) => line.sku),
        cart.lines.map((line) => line.title),
        cart.lines.map((line) => line.quantity),
        cart.lines.map((line) => line.unitAmount),
        cart.lines.map((line) => line.lineAmount),
        order.paymentStatus,
        order.paymentReference,
      ],
    );
    return { number: Number(row!.number) };
  }

  async findById(tx: TenantTransaction, orderId: string, options: { lock?: boolean } = {}): Promise<Order | undefined> {
    if (!UUID.test(orderId)) return undefined;
    if (options.lock) await tx.query('SELECT 1 FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
    const [row] = await tx.query<OrderRow[]>(`${ORDER_SELECT} WHERE o.id = $1`, [orderId]);
    return row ? toOrder(row) : undefined;
  }

  /** Newest first; `customerId` narrows to one shopper's purchase history. */
  async list(tx: TenantTransaction, filter: { customerId?: string; limit: number; offset: number }): Promise<Order[]> {
    const rows = await tx.query<OrderRow[]>(
      `${ORDER_SELECT} WHERE ($1::uuid IS NULL OR o.customer_id = $1) ORDER BY o.placed_at DESC, o.number DESC LIMIT $2 OFFSET $3`,
      [filter.customerId ?? null, filter.limit, filter.offset],
    );
    return rows.map(toOrder);
  }

  async setStatus(tx: TenantTransaction, orderId: string, status: OrderStatus): Promise<void> {
    await tx.query('UPDATE orders SET status = $2, updated_at = now() WHERE id = $1', [orderId, status]);
  }

  async setPaymentStatus(tx: TenantTransaction, orderId: string, status: PaymentStatus, refundedAmount: number): Promise<void> {
    await tx.query('UPDATE payments SET status = $2, refunded_amount = $3, updated_at = now() WHERE order_id = $1', [
      orderId,
      status,
      refundedAmount,
    ]);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toOrder(row: OrderRow): Order {
  const money = (amount: string | number): Money => ({ amount: toAmount(amount), currency: row.currency });
  return {
    id: row.id,
    number: Number(row.number),
    status: row.status,
    customerId: row.customer_id,
    subtotal: money(row.subtotal_amount),
    total: money(row.total_amount),
    shippingAddress: row.shipping_address,
    lines: row.lines.map((line) => ({
      variantId: line.variant_id,
      sku: line.sku,
      title: line.title,
      quantity: line.quantity,
      unitPrice: money(line.unit_amount),
      total: money(line.line_amount),
    })),
    payment: row.payment
      ? {
          method: row.payment.method,
          status: row.payment.status,
          amount: money(row.payment.amount),
          refunded: money(row.payment.refunded_amount),
          reference: row.payment.gateway_reference,
        }
      : null,
    placedAt: row.placed_at.toISOString(),
  };
}
