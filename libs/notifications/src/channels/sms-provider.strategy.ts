import type { TenantContext } from '@storefront/contracts';

/** An SMS gateway (Twilio, MessageBird, ...); locally the console provider stands in. */
export interface SmsProviderStrategy {
  readonly name: string;
  send(ctx: TenantContext, message: { to: string; text: string; reference: string }): Promise<void>;
}

/** Writes each text message to the log instead of a phone: the local default. */
export class ConsoleSmsProvider implements SmsProviderStrategy {
  readonly name = 'console';

  constructor(private readonly log: (entry: Record<string, unknown>, message: string) => void) {}

  async send(ctx: TenantContext, message: { to: string; text: string; reference: string }): Promise<void> {
    this.log({ tenantId: ctx.tenantId, to: message.to, text: message.text, reference: message.reference }, 'sms');
  }
}
