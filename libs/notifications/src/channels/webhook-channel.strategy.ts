import type { TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import type { Delivery } from '../deliveries/delivery';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../webhooks/webhook-signature';
import { assertDeliverableWebhookUrl, WebhookUrlRefusedError } from '../webhooks/webhook-url-policy';
import { DeliveryFailedError, type ChannelResult, type NotificationChannelStrategy } from './notification-channel.strategy';

export interface WebhookChannelOptions {
  readonly timeoutMs: number;
  readonly allowHttpLoopback: boolean;
}

/**
 * POSTs the event to a merchant endpoint, signed with the endpoint's secret. The endpoint is read
 * at send time, so a rotated secret or a disabled endpoint takes effect for pending retries too.
 */
export class WebhookChannel implements NotificationChannelStrategy {
  readonly channel = 'webhook' as const;

  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly options: WebhookChannelOptions,
  ) {}

  async send(ctx: TenantContext, delivery: Delivery): Promise<ChannelResult> {
    const [endpoint] = await this.unitOfWork.run(ctx, (tx) =>
      tx.query<{ url: string; secret: string; active: boolean }[]>('SELECT url, secret, active FROM webhook_endpoints WHERE id = $1', [
        delivery.recipient,
      ]),
    );
    if (!endpoint || !endpoint.active) throw new DeliveryFailedError('the webhook endpoint was removed or disabled', undefined, true);
    let url: URL;
    try {
      url = await assertDeliverableWebhookUrl(endpoint.url, this.options.allowHttpLoopback);
    } catch (error) {
      if (error instanceof WebhookUrlRefusedError) throw new DeliveryFailedError(`refused: ${error.message}`, undefined, true);
      throw new DeliveryFailedError(`cannot resolve the endpoint: ${(error as Error).message}`);
    }
    const body = JSON.stringify(delivery.payload ?? {});
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        redirect: 'manual', // a redirect could point anywhere, including inside our network
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'storefront-platform-webhooks/1',
          'x-storefront-event': delivery.eventType,
          'x-storefront-delivery': delivery.id,
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(endpoint.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
      });
      await response.body?.cancel();
    } catch (error) {
      throw new DeliveryFailedError(`request failed: ${(error as Error).message}`);
    }
    if (response.status < 200 || response.status >= 300) throw new DeliveryFailedError(`endpoint answered ${response.status}`, response.status);
    return { responseStatus: response.status };
  }
}
