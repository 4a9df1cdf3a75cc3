import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { WEBHOOK_EVENTS, WebhookEndpointService, type WebhookEndpoint } from '@storefront/store-settings';
import { isIP } from 'node:net';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';

/**
 * Public HTTPS endpoints only: an address literal or a localhost name would let a merchant aim
 * the platform at its own internal network. (Delivery re-checks resolved addresses.)
 */
const webhookUrl = z
  .url('must be a URL')
  .max(2_000)
  .refine((value) => {
    // Refinements run even when the URL check failed.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    return url.protocol === 'https:' && isIP(host) === 0 && host !== 'localhost' && !host.endsWith('.localhost') && host.includes('.');
  }, 'must be a public https URL with a host name');

const webhookFields = {
  url: webhookUrl,
  events: z.array(z.enum(WEBHOOK_EVENTS, `must be one of ${WEBHOOK_EVENTS.join(', ')}`)).min(1, 'subscribe to at least one event').max(WEBHOOK_EVENTS.length),
  active: z.boolean(),
};
const createWebhookSchema = z.strictObject({ ...webhookFields, active: webhookFields.active.optional() });
const updateWebhookSchema = z
  .strictObject(webhookFields)
  .partial()
  .refine((change) => Object.keys(change).length > 0, 'give at least one field to change');

@ApiTags('store')
@Controller('api/v1/store/webhooks')
@UseGuards(MerchantGuard)
export class WebhooksController {
  constructor(private readonly webhooks: WebhookEndpointService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  create(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Body({ schema: createWebhookSchema }) input: z.infer<typeof createWebhookSchema>,
  ): Promise<WebhookEndpoint & { secret: string }> {
    return this.webhooks.create(merchant.ctx, input);
  }

  @Get()
  async list(@CurrentMerchant() merchant: MerchantPrincipal): Promise<{ items: WebhookEndpoint[] }> {
    return { items: await this.webhooks.list(merchant.ctx) };
  }

  @Patch(':id')
  update(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Param('id') id: string,
    @Body({ schema: updateWebhookSchema }) change: z.infer<typeof updateWebhookSchema>,
  ): Promise<WebhookEndpoint> {
    return this.webhooks.update(merchant.ctx, id, change);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<void> {
    await this.webhooks.remove(merchant.ctx, id);
  }
}
