import type { TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import type { Delivery } from '../deliveries/delivery';
import { WebhookEgress, WebhookUnreachableError, type WebhookEgressOptions } from '../webhooks/webhook-egress';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../webhooks/webhook-signature';
import { deliverableWebhookUrl, WebhookUrlRefusedError } from '../webhooks/webhook-url-policy';
import { DeliveryFailedError, EndpointUnreachableError, type ChannelResult, type NotificationChannelStrategy } from './notification-channel.strategy';

export interface WebhookChannelOptions extends WebhookEgressOptions {
  /** Where the detail of an unreachable endpoint goes (the server log); the merchant sees none of it. */
  readonly log?: (entry: Record<string, unknown>, message: string) => void;
}

/**
 * POSTs the event to a merchant endpoint, signed with the endpoint's secret. The endpoint is read
 * at send time, so a rotated secret or a disabled endpoint takes effect for pending retries too.
 */
export class WebhookChannel implements NotificationChannelStrategy {
  readonly channel = 'webhook' as const;
  private readonly egress: WebhookEgress;

  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly options: WebhookChannelOptions,
  ) {
    this.egress = new WebhookEgress(options);
  }

  async send(ctx: TenantContext, delivery: Delivery): Promise<ChannelResult> {
    const [endpoint] = await this.unitOfWork.run(ctx, (tx) =>
      tx.query<{ url: string; secret: string; active: boolean }[]>('SELECT url, secret, active FROM webhook_endpoints WHERE id = $1', [
        delivery.recipient,
      ]),
    );
    if (!endpoint || !endpoint.active) throw new DeliveryFailedError('the webhook endpoint was removed or disabled', undefined, true);
    let url: URL;
    try {
      url = deliverableWebhookUrl(endpoint.url, this.options.allowHttpLoopback);
    } catch (error) {
      if (error instanceof WebhookUrlRefusedError) throw new DeliveryFailedError(`refused: ${error.message}`, undefined, true);
      throw error;
    }
    const body = JSON.stringify(delivery.payload ?? {});
    let status: number;
    try {
      status = await this.egress.post(
        url,
        {
          'content-type': 'application/json',
          'user-agent': 'storefront-platform-webhooks/1',
          'x-storefront-event': delivery.eventType,
          'x-storefront-delivery': delivery.id,
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(endpoint.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
      );
    } catch (error) {
      if (!(error instanceof WebhookUnreachableError)) throw error;
      this.options.log?.(
        { tenantId: ctx.tenantId, deliveryId: delivery.id, endpointId: delivery.recipient, reason: error.reason, detail: error.message },
        'webhook endpoint unreachable',
      );
      throw new EndpointUnreachableError();
    }
    if (status < 200 || status >= 300) throw new DeliveryFailedError(`endpoint answered ${status}`, status);
    return { responseStatus: status };
  }

  /** Closes the kept-alive connections to merchant endpoints. */
  close(): Promise<void> {
    return this.egress.close();
  }
}
