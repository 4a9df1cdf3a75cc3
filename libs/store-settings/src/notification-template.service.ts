import type { FieldError, TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { unknownPlaceholders, type NotificationChannel, type NotificationEvent } from './notification-events';
import { NotificationTemplateEntity } from './notification-template.entity';
import { StoreSettingNotFoundError, StoreSettingValidationError } from './store-settings-errors';

export interface NotificationTemplate {
  readonly event: NotificationEvent;
  readonly channel: NotificationChannel;
  readonly subject: string | null;
  readonly body: string;
}

/** The store's own notification wording, one template per event and channel. */
export class NotificationTemplateService {
  constructor(private readonly uow: TenantUnitOfWork) {}

  async list(ctx: TenantContext): Promise<NotificationTemplate[]> {
    return this.uow.run(ctx, async (tx) =>
      (await tx.getRepository(NotificationTemplateEntity).find({ order: { event: 'ASC', channel: 'ASC' } })).map(toTemplate),
    );
  }

  async put(ctx: TenantContext, template: NotificationTemplate): Promise<NotificationTemplate> {
    const problems: FieldError[] = [];
    for (const field of ['subject', 'body'] as const) {
      for (const name of unknownPlaceholders(template.event, template[field] ?? '')) {
        problems.push({ field, message: `{{${name}}} is not available for ${template.event}` });
      }
    }
    if (template.channel === 'email' && !template.subject) problems.push({ field: 'subject', message: 'is required for email' });
    if (template.channel === 'sms' && template.subject) problems.push({ field: 'subject', message: 'is not used for sms' });
    if (problems.length > 0) throw new StoreSettingValidationError('the template is invalid', problems);
    return this.uow.run(ctx, async (tx) => toTemplate(await tx.getRepository(NotificationTemplateEntity).save({ ...template })));
  }

  async remove(ctx: TenantContext, event: NotificationEvent, channel: NotificationChannel): Promise<void> {
    await this.uow.run(ctx, async (tx) => {
      const result = await tx.getRepository(NotificationTemplateEntity).delete({ event, channel });
      if (!result.affected) throw new StoreSettingNotFoundError(`template ${event}/${channel}`);
    });
  }
}

function toTemplate(row: NotificationTemplateEntity): NotificationTemplate {
  return { event: row.event, channel: row.channel, subject: row.subject, body: row.body };
}
