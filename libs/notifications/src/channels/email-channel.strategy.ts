import type { TenantContext } from '@storefront/contracts';
import { createTransport, type Transporter } from 'nodemailer';
import type { Delivery } from '../deliveries/delivery';
import { DeliveryFailedError, type ChannelResult, type NotificationChannelStrategy } from './notification-channel.strategy';

export interface EmailChannelOptions {
  /** `smtp://host:port` or `smtps://user:pass@host:465`. Without one there is no email channel at all. */
  readonly smtpUrl: string;
  /** Envelope and From address; the From name is the store's. */
  readonly fromAddress: string;
  /** Domain of Message-IDs. */
  readonly messageIdDomain: string;
}

/**
 * Email over SMTP through nodemailer. The Message-ID derives from the delivery id, so the rare
 * resend after a crash between the server's acceptance and our bookkeeping is one message to
 * mail clients that thread by id.
 */
export class EmailChannel implements NotificationChannelStrategy {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly options: EmailChannelOptions) {
    this.transport = createTransport(options.smtpUrl, { pool: true, maxConnections: 5 } as never);
  }

  async send(_ctx: TenantContext, delivery: Delivery): Promise<ChannelResult> {
    const storeName = delivery.payload?.storeName;
    try {
      await this.transport.sendMail({
        from: { name: typeof storeName === 'string' ? storeName : '', address: this.options.fromAddress },
        to: delivery.recipient,
        subject: delivery.subject ?? '',
        text: delivery.bodyText ?? '',
        ...(delivery.bodyHtml ? { html: delivery.bodyHtml } : {}),
        messageId: `<${delivery.id}@${this.options.messageIdDomain}>`,
        headers: { 'X-Storefront-Event': delivery.eventType },
      });
      return { responseStatus: 250 };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx is the server refusing this message for good (unknown mailbox, policy); 4xx and network errors may pass later.
      throw new DeliveryFailedError(`SMTP: ${(error as Error).message}`, code, code !== undefined && code >= 500);
    }
  }

  close(): void {
    this.transport.close();
  }
}
