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
  readonly customerId?: string;
}

export interface PlacedOrder {
  readonly orderId: string;
  readonly number: number;
  readonly status: 'placed';
  readonly total: Money;
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
