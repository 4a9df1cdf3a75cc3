import { Body, Controller, Get, Patch, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { PaymentSettingsChange } from '@storefront/contracts';
import { paymentSettingsChangeSchema } from '@storefront/orders';
import type { FastifyReply } from 'fastify';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';
import { MerchantPaymentSettings } from './merchant-payment-settings';

/**
 * Which payment methods the store accepts, test or live mode, and the merchant's Stripe keys.
 * Secrets are write-only: answers show a hint (`sk_live_…1234`), never a key. The change is checked
 * here with the checkout shard's own schema (so the document states it), and the shard answers 409
 * for settings that cannot hold together.
 */
@ApiTags('store')
@Controller('api/v1/store/payment-settings')
@UseGuards(MerchantGuard)
export class PaymentSettingsController {
  constructor(private readonly settings: MerchantPaymentSettings) {}

  @Get()
  async get(@CurrentMerchant() merchant: MerchantPrincipal, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const answer = await this.settings.get(merchant);
    void reply.status(answer.statusCode);
    return answer.body;
  }

  @Patch()
  async change(@CurrentMerchant() merchant: MerchantPrincipal, @Body({ schema: paymentSettingsChangeSchema }) change: PaymentSettingsChange, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const answer = await this.settings.change(merchant, change);
    void reply.status(answer.statusCode);
    return answer.body;
  }
}
