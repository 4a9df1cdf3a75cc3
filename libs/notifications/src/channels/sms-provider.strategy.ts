import type { TenantContext } from '@storefront/contracts';
import { DeliveryFailedError } from './notification-channel.strategy';

/** An SMS gateway. Without one configured the platform has no SMS channel (deliveries say so). */
export interface SmsProviderStrategy {
  readonly name: string;
  send(ctx: TenantContext, message: { to: string; text: string; reference: string }): Promise<void>;
}

export interface TwilioSmsOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** The sender: a phone number in E.164 form, or a Messaging Service SID (`MG...`). */
  readonly from: string;
  /** Default https://api.twilio.com; tests point it at a local stand-in of the API. */
  readonly apiUrl?: string;
  readonly timeoutMs?: number;
}

/**
 * Twilio's Programmable Messaging REST API (`POST /2010-04-01/Accounts/{sid}/Messages.json`, form
 * encoded, HTTP basic auth with the account SID and auth token). A 4xx other than 429 is Twilio
 * refusing this message for good (an invalid number, an unverified sender): a dead letter at once;
 * 429, 5xx and network failures are retried.
 */
export class TwilioSmsProvider implements SmsProviderStrategy {
  readonly name = 'twilio';

  constructor(private readonly options: TwilioSmsOptions) {}

  async send(_ctx: TenantContext, message: { to: string; text: string; reference: string }): Promise<void> {
    const { accountSid, authToken, from } = this.options;
    const url = new URL(`/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`, this.options.apiUrl ?? 'https://api.twilio.com');
    const body = new URLSearchParams({ To: message.to, Body: message.text, [from.startsWith('MG') ? 'MessagingServiceSid' : 'From']: from });
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new DeliveryFailedError(`Twilio: ${(error as Error).message}`);
    }
    if (response.ok) return;
    // Twilio's error body is {code, message, more_info, status}; its message names the problem.
    const detail = await response.json().then(
      (json: unknown) => {
        const reported = (json as { message?: unknown } | null)?.message;
        return typeof reported === 'string' ? reported : response.statusText;
      },
      () => response.statusText,
    );
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 429;
    throw new DeliveryFailedError(`Twilio: ${detail}`, response.status, permanent);
  }
}
