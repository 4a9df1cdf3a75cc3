import type { TenantContext } from '@storefront/contracts';
import type { Delivery } from '../deliveries/delivery';
import type { DeliveryChannel } from '../notification-events';

export interface ChannelResult {
  /** HTTP status of a webhook answer, SMTP code of an email. */
  readonly responseStatus?: number;
}

/** Why an attempt failed; `permanent` failures go to the dead letters without more retries. */
export class DeliveryFailedError extends Error {
  constructor(
    message: string,
    readonly responseStatus?: number,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeliveryFailedError';
  }
}

/**
 * The endpoint could not be reached: a refused address, no DNS answer, a refused connection, a
 * timeout, a TLS failure. They read alike and are retried alike, and the attempt records no
 * duration (the time to fail tells a timeout from a refusal), so the delivery log cannot be used to
 * probe a network; the channel logs the detail on the server.
 */
export class EndpointUnreachableError extends DeliveryFailedError {
  constructor() {
    super('the endpoint could not be reached');
    this.name = 'EndpointUnreachableError';
  }
}

/** One way of reaching someone: email, SMS, webhook (and a no-op one in the benchmark). */
export interface NotificationChannelStrategy {
  readonly channel: DeliveryChannel;
  send(ctx: TenantContext, delivery: Delivery): Promise<ChannelResult>;
}
