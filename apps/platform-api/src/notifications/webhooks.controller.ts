import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HttpErrorWithDetails, atLeastOneField } from '@storefront/service-runtime';
import { WEBHOOK_EVENTS, WebhookEndpointService, type WebhookEndpoint } from '@storefront/store-settings';
import { isIP } from 'node:net';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';

export const WEBHOOK_URL_POLICY = Symbol('WEBHOOK_URL_POLICY');

export interface WebhookUrlPolicy {
  /** http(s)://127.0.0.1 (or localhost, [::1]) receivers on this machine: tests and `npm start` only. */
  readonly allowHttpLoopback: boolean;
}

const PUBLIC_URL_MESSAGE = 'must be a public https URL with a host name';

function isPublicHttpsUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return url.protocol === 'https:' && isIP(host) === 0 && host !== 'localhost' && !host.endsWith('.localhost') && host.includes('.');
}

function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return (url.protocol === 'http:' || url.protocol === 'https:') && (host === '127.0.0.1' || host === 'localhost' || host === '::1');
}

/**
 * Public HTTPS endpoints only: an address literal or a localhost name would let a merchant aim
 * the platform at its own internal network. (Delivery re-checks resolved addresses.) A loopback
 * receiver passes the schema and is then refused unless the policy allows it.
 */
const webhookUrl = z
  .url('must be a URL')
  .max(2_000)
  .refine((value) => {
    // Refinements run even when the URL check failed.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return isPublicHttpsUrl(url) || isLoopbackUrl(url);
  }, PUBLIC_URL_MESSAGE)
  // The host rules are prose: JSON Schema can state the scheme only.
  .meta({ pattern: '^https?://', description: PUBLIC_URL_MESSAGE });

const webhookFields = {
  url: webhookUrl,
  events: z.array(z.enum(WEBHOOK_EVENTS, `must be one of ${WEBHOOK_EVENTS.join(', ')}`)).min(1, 'subscribe to at least one event').max(WEBHOOK_EVENTS.length),
  active: z.boolean(),
};
const createWebhookSchema = z.strictObject({ ...webhookFields, active: webhookFields.active.optional() });
const updateWebhookSchema = atLeastOneField(z.strictObject(webhookFields).partial());

@ApiTags('store')
@Controller('api/v1/store/webhooks')
@UseGuards(MerchantGuard)
export class WebhooksController {
  constructor(
    private readonly webhooks: WebhookEndpointService,
    @Inject(WEBHOOK_URL_POLICY) private readonly policy: WebhookUrlPolicy,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  create(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Body({ schema: createWebhookSchema }) input: z.infer<typeof createWebhookSchema>,
  ): Promise<WebhookEndpoint & { secret: string }> {
    this.assertAllowed(input.url);
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
    if (change.url !== undefined) this.assertAllowed(change.url);
    return this.webhooks.update(merchant.ctx, id, change);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<void> {
    await this.webhooks.remove(merchant.ctx, id);
  }

  private assertAllowed(value: string): void {
    if (!this.policy.allowHttpLoopback && isLoopbackUrl(new URL(value))) {
      throw new HttpErrorWithDetails(HttpStatus.BAD_REQUEST, 'the request is invalid', [{ field: 'url', message: PUBLIC_URL_MESSAGE }]);
    }
  }
}
