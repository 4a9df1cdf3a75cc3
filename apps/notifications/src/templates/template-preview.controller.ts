import { Body, Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { NOTIFIED_EVENTS, type Preview } from '@storefront/notifications';
import { AcceptPrincipals, TenantShardGuard, ZodValidationPipe, type ShardRequest } from '@storefront/service-runtime';
import { z } from 'zod';
import { NOTIFICATIONS_SERVICES, type NotificationsServices } from '../notifications-services';

const previewSchema = z.strictObject({
  event: z.enum(NOTIFIED_EVENTS),
  channel: z.enum(['email', 'sms']),
  /** A draft to preview before saving it; omitted: the saved template or the default. */
  draft: z.strictObject({ subject: z.string().max(500).nullable().optional(), body: z.string().min(1).max(20_000) }).optional(),
});

/** Merchants see a template rendered with sample data in their store's branding. */
@Controller('api/v1/notifications/preview')
@UseGuards(TenantShardGuard)
@AcceptPrincipals(['merchant'])
export class TemplatePreviewController {
  constructor(@Inject(NOTIFICATIONS_SERVICES) private readonly services: NotificationsServices) {}

  @Post()
  @HttpCode(200)
  preview(@Req() request: ShardRequest, @Body(new ZodValidationPipe(previewSchema)) body: z.infer<typeof previewSchema>): Promise<Preview> {
    const { draft, ...rest } = body;
    return this.services.preview.preview(request.tenantContext, { ...rest, ...(draft ? { draft: { subject: draft.subject ?? null, body: draft.body } } : {}) });
  }
}
