import { Body, Controller, Get, Patch, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { StoreSettingsService, type StoreSettings } from '@storefront/store-settings';
import { atLeastOneField } from '@storefront/service-runtime';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard, OpenWhileProvisioning } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';
import { StoreService, type StoreView } from './store.service';

const settingsChangeSchema = atLeastOneField(
  z.strictObject({
    name: z.string().trim().min(1, 'is required').max(100),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a locale such as en or de-CH'),
    reviewsAutoApprove: z.boolean({ error: 'must be true or false' }),
    reviewRequestDelayDays: z.number({ error: 'must be a number' }).int('must be a whole number of days').min(0, 'must be 0 or more').max(90, 'must be at most 90'),
  }).partial(),
  'give at least one setting to change',
);

@ApiTags('store')
@Controller('api/v1/store')
@UseGuards(MerchantGuard)
export class StoreController {
  constructor(
    private readonly store: StoreService,
    private readonly settings: StoreSettingsService,
  ) {}

  /** Also while the store is being set up: the console polls it until the status is active. */
  @Get()
  @OpenWhileProvisioning()
  overview(@CurrentMerchant() merchant: MerchantPrincipal): Promise<StoreView> {
    return this.store.overview(merchant);
  }

  @Get('settings')
  getSettings(@CurrentMerchant() merchant: MerchantPrincipal): Promise<StoreSettings> {
    return this.settings.get(merchant.ctx);
  }

  @Patch('settings')
  changeSettings(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Body({ schema: settingsChangeSchema }) change: z.infer<typeof settingsChangeSchema>,
  ): Promise<StoreSettings> {
    return this.store.changeSettings(merchant, change);
  }
}
