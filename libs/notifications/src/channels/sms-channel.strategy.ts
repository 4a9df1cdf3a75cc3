import type { TenantContext } from '@storefront/contracts';
import type { Delivery } from '../deliveries/delivery';
import type { ChannelResult, NotificationChannelStrategy } from './notification-channel.strategy';
import type { SmsProviderStrategy } from './sms-provider.strategy';

/** Text messages through whichever SMS provider is configured. */
export class SmsChannel implements NotificationChannelStrategy {
  readonly channel = 'sms' as const;

  constructor(private readonly provider: SmsProviderStrategy) {}

  async send(ctx: TenantContext, delivery: Delivery): Promise<ChannelResult> {
    await this.provider.send(ctx, { to: delivery.recipient, text: delivery.bodyText ?? '', reference: delivery.id });
    return {};
  }
}
