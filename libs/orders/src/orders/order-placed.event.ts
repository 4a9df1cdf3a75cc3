import type { TenantContext } from '@storefront/contracts';
import { newDomainEvent, type DomainEvent } from '@storefront/outbox';
import type { Money } from '../money';

export interface OrderPlacedPayload {
  readonly orderId: string;
  readonly number: number;
  readonly customerId: string | null;
  readonly total: Money;
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly unitAmount: number }[];
}

/**
 * `order.placed`: written when checkout places the order, or when a payment the shopper had to
 * confirm succeeded (the order was `awaiting_payment` until then). Consumers see one shape.
 */
export function orderPlacedEvent(ctx: TenantContext, payload: OrderPlacedPayload): DomainEvent {
  return newDomainEvent(ctx, 'order.placed', { ...payload, lines: [...payload.lines] });
}
