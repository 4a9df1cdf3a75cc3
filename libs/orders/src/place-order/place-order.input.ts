import { createHash } from 'node:crypto';
import type { ShippingAddress } from '@storefront/contracts';
import type { Money } from '../money';

export interface CartLineInput {
  readonly sku: string;
  readonly quantity: number;
  /** The price the shopper saw; a different current price answers 409 instead of charging it. */
  readonly expectedUnitPrice?: Money;
}

export type { ShippingAddress } from '@storefront/contracts';

export interface PlaceOrderInput {
  readonly lines: readonly CartLineInput[];
  readonly paymentMethod: string;
  readonly paymentToken?: string;
  readonly shippingAddress: ShippingAddress;
  /** Defaults to the cheapest method that ships the cart to the address. */
  readonly shippingMethodId?: string;
  readonly discountCode?: string;
  /** The total the shopper was shown; a higher one now answers 409 instead of charging it. */
  readonly expectedTotal?: Money;
  /** A guest's email (receipts, per-customer limits); a signed-in customer's own is used otherwise. */
  readonly email?: string;
  readonly customerId?: string;
  /**
   * Where the shopper's browser comes back after confirming the payment with their bank (card
   * authentication); without it a payment that needs the shopper fails instead of waiting.
   */
  readonly returnUrl?: string;
}

/** What the shopper must do for a payment `requires_action`: follow the redirect, or let Stripe.js handle it. */
export interface PaymentNextAction {
  readonly redirectUrl: string | null;
  /** For Stripe.js (`handleNextAction`); meant for the shopper's browser, not a secret of the store. */
  readonly clientSecret: string | null;
}

export interface PlacedOrder {
  readonly orderId: string;
  readonly number: number;
  /** `awaiting_payment` until the shopper confirmed the payment (then `nextAction` says how). */
  readonly status: 'placed' | 'awaiting_payment';
  readonly total: Money;
  readonly nextAction?: PaymentNextAction;
}

/** Fingerprint of a request for the idempotency check: same content, same hash, any key order. */
export function placeOrderRequestHash(input: PlaceOrderInput): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
