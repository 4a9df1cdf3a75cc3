/**
 * Wire types of orders: the checkout shards answer them, the platform API forwards them to the
 * merchant, the console shows them.
 */
import type { Money } from './money';
import type { OffsetPage } from './paging';
import type { TotalsBreakdown } from './totals';

/** `awaiting_payment`: the shopper still has to confirm the payment (card authentication); the stock is held. */
export const ORDER_STATUSES = ['awaiting_payment', 'placed', 'fulfilled', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * `requires_action`: waiting for the shopper to confirm (card authentication); `failed`: that
 * never succeeded. `refund_pending`: a cancellation or refund asked the gateway and has not heard back yet.
 */
export const PAYMENT_STATUSES = ['requires_action', 'captured', 'pending', 'failed', 'refund_pending', 'refunded', 'voided'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface ShippingAddress {
  readonly name: string;
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  /** State, province or prefecture where the country has them: "NY" or ISO 3166-2 "US-NY". */
  readonly region?: string;
  readonly postalCode: string;
  readonly country: string;
  readonly phone?: string;
}

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
  /** While `refund_pending`: what the order becomes once the gateway confirms. */
  readonly refundPendingFor?: 'cancelled' | 'refunded';
}

/** One step of an order's life: placed, then fulfilled, cancelled or refunded. */
export interface OrderStatusChange {
  /** null for the first entry (the order was placed). */
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly at: string;
}

export interface Order {
  readonly id: string;
  readonly number: number;
  readonly status: OrderStatus;
  readonly customerId: string | null;
  /** The registered shopper's email; null for a guest checkout. */
  readonly customerEmail: string | null;
  readonly subtotal: Money;
  readonly discount: Money;
  readonly shipping: Money;
  readonly tax: Money;
  readonly total: Money;
  /** The breakdown as computed when the order was placed; null for orders older than tenant migration 0016. */
  readonly totals: TotalsBreakdown | null;
  /** The shopper's email: the customer's, or the one a guest gave at checkout. */
  readonly email: string | null;
  readonly shippingAddress: ShippingAddress;
  readonly lines: readonly OrderLine[];
  readonly payment: OrderPayment | null;
  readonly placedAt: string;
}

/** An order as its detail answers it (GET one, fulfil, cancel, refund): with its history, oldest first. */
export interface OrderDetail extends Order {
  readonly history: readonly OrderStatusChange[];
}

/** `GET /api/v1/orders`: newest first. */
export type OrderList = OffsetPage<Order>;

/**
 * `GET /api/v1/orders/summary?timeZone=`: the orders placed today, where "today" is the calendar
 * day in `timeZone` (an IANA name), so midnight and daylight-saving days fall where the person
 * asking lives. Revenue is per currency (a store may change its currency; amounts in different
 * currencies are never added up) and counts orders that still stand: placed or fulfilled.
 */
export interface OrdersSummary {
  readonly timeZone: string;
  /** The calendar day, `YYYY-MM-DD`. */
  readonly date: string;
  /** The day's bounds as instants: [from, to). */
  readonly from: string;
  readonly to: string;
  readonly orders: number;
  readonly byStatus: Readonly<Record<OrderStatus, number>>;
  readonly revenue: readonly Money[];
}
