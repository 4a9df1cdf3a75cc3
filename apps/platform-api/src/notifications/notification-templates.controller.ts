import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_EVENT_NAMES,
  NotificationTemplateService,
  type NotificationTemplate,
} from '@storefront/store-settings';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';

const templateParamsSchema = z.strictObject({
  event: z.enum(NOTIFICATION_EVENT_NAMES, 'is not a notification event'),
  channel: z.enum(NOTIFICATION_CHANNELS, 'must be email or sms'),
});
const templateBodySchema = z.strictObject({
  subject: z.string().trim().min(1).max(200).optional(),
  body: z.string().trim().min(1, 'must not be empty').max(10_000),
});

/** The store's wording of customer notifications; a missing template means the platform default. */
@ApiTags('store')
@Controller('api/v1/store/notification-templates')
@UseGuards(MerchantGuard)
export class NotificationTemplatesController {
  constructor(private readonly templates: NotificationTemplateService) {}

  @Get()
  async list(@CurrentMerchant() merchant: MerchantPrincipal): Promise<{ items: NotificationTemplate[] }> {
    return { items: await this.templates.list(merchant.ctx) };
  }

  @Put(':event/:channel')
  put(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Param({ schema: templateParamsSchema }) params: z.infer<typeof templateParamsSchema>,
    @Body({ schema: templateBodySchema }) input: z.infer<typeof templateBodySchema>,
  ): Promise<NotificationTemplate> {
    return this.templates.put(merchant.ctx, { ...params, subject: input.subject ?? null, body: input.body });
  }

  @Delete(':event/:channel')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Param({ schema: templateParamsSchema }) params: z.infer<typeof templateParamsSchema>,
  ): Promise<void> {
    await this.templates.remove(merchant.ctx, params.event, params.channel);
  }
}
