import type { TenantTransaction } from '@storefront/tenancy';

/** A store's own wording of one notification (table owned by the merchant admin API). */
export interface TemplateOverride {
  readonly subject: string | null;
  readonly body: string;
}

/** Reads `notification_templates`; absent rows mean the platform default is used. */
export class NotificationTemplateRepository {
  async find(tx: TenantTransaction, event: string, channel: 'email' | 'sms'): Promise<TemplateOverride | undefined> {
    const [row] = await tx.query<TemplateOverride[]>('SELECT subject, body FROM notification_templates WHERE event = $1 AND channel = $2', [
      event,
      channel,
    ]);
    return row;
  }
}
