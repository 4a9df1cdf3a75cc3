import { Body, Controller, Get, Patch, UseGuards } from '@nestjs/common';
import { DomainEntity, TenantEntity, type DatabaseClusters } from '@storefront/database';
import { StoreSettingsService, type StoreSettings } from '@storefront/store-settings';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';
import { PlatformDatabase } from '../platform-database';
import { StoreUrls } from './store-urls';

const settingsChangeSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'is required').max(100),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a locale such as en or de-CH'),
  })
  .partial()
  .refine((change) => Object.keys(change).length > 0, 'give at least one setting to change');

export interface StoreView {
  readonly tenantId: string;
  readonly slug: string;
  readonly name: string;
  readonly status: string;
  readonly plan: string;
  readonly storeUrl: string;
  readonly domains: readonly { host: string; kind: string; verified: boolean }[];
}

/** The merchant's own store: registry facts and settings. */
@Controller('api/v1/store')
@UseGuards(MerchantGuard)
export class StoreController {
  private readonly clusters: DatabaseClusters;

  constructor(
    database: PlatformDatabase,
    private readonly settings: StoreSettingsService,
    private readonly urls: StoreUrls,
  ) {
    this.clusters = database.clusters;
  }

  @Get()
  async store(@CurrentMerchant() merchant: MerchantPrincipal): Promise<StoreView> {
    const { tenant } = merchant;
    const domains = await this.clusters.primary.getRepository(DomainEntity).find({ where: { tenantId: tenant.id }, order: { createdAt: 'ASC' } });
    return {
      tenantId: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      status: tenant.status,
      plan: tenant.plan,
      storeUrl: this.urls.forSlug(tenant.slug),
      domains: domains.map((d) => ({ host: d.host, kind: d.kind, verified: d.verifiedAt !== null })),
    };
  }

  @Get('settings')
  getSettings(@CurrentMerchant() merchant: MerchantPrincipal): Promise<StoreSettings> {
    return this.settings.get(merchant.ctx);
  }

  @Patch('settings')
  async changeSettings(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Body({ schema: settingsChangeSchema }) change: z.infer<typeof settingsChangeSchema>,
  ): Promise<StoreSettings> {
    const updated = await this.settings.update(merchant.ctx, change);
    // The registry keeps the name too (host resolution shows it); the tenant schema is the source.
    if (change.name) await this.clusters.primary.getRepository(TenantEntity).update({ id: merchant.tenant.id }, { name: change.name });
    return updated;
  }
}
