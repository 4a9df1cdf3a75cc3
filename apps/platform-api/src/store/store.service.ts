import { StoreResourceEntity, TenantEntity, type DatabaseClusters } from '@storefront/database';
import type { StoreSettings, StoreSettingsChange, StoreSettingsService } from '@storefront/store-settings';
import type { TenantChangeNotifier } from '@storefront/tenancy';
import type { MerchantPrincipal } from '../auth/principals';
import type { DomainView } from '../domains/custom-domain';
import type { CustomDomainService } from '../domains/custom-domain.service';
import type { StoreUrls } from './store-urls';

export interface StoreView {
  readonly tenantId: string;
  readonly slug: string;
  readonly name: string;
  readonly status: string;
  readonly plan: string;
  readonly storeUrl: string;
  readonly domains: readonly DomainView[];
  /**
   * Kubernetes mode: how far the store's setup is, as the operator reports it on the Store
   * (phase and each condition's status and reason); null when stores are provisioned in-process.
   */
  readonly provisioning: {
    readonly phase: string | null;
    readonly ready: boolean;
    readonly conditions: readonly { type: string; status: string; reason: string }[];
  } | null;
}

/** The merchant's own store: registry facts, addresses and settings. */
export class StoreService {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly settings: StoreSettingsService,
    private readonly domains: CustomDomainService,
    private readonly urls: StoreUrls,
    private readonly notifier: TenantChangeNotifier,
  ) {}

  async overview(merchant: MerchantPrincipal): Promise<StoreView> {
    const { tenant } = merchant;
    const [domains, store] = await Promise.all([
      this.domains.list(merchant.ctx),
      this.clusters.primary.getRepository(StoreResourceEntity).findOneBy({ tenantId: tenant.id }),
    ]);
    return {
      tenantId: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      status: tenant.status,
      plan: tenant.plan,
      storeUrl: this.urls.forSlug(tenant.slug),
      domains,
      // Condition messages stay with platform admins: they name schemas, namespaces and other stores.
      provisioning: store
        ? { phase: store.phase, ready: store.ready, conditions: store.conditions.map(({ type, status, reason }) => ({ type, status, reason })) }
        : null,
    };
  }

  async changeSettings(merchant: MerchantPrincipal, change: StoreSettingsChange): Promise<StoreSettings> {
    const updated = await this.settings.update(merchant.ctx, change);
    // The registry keeps a copy of the name (host resolution answers it); the tenant schema is the source.
    if (change.name) {
      await this.clusters.primary.getRepository(TenantEntity).update({ id: merchant.tenant.id }, { name: change.name });
      await this.notifier.publish({ tenantId: merchant.tenant.id });
    }
    return updated;
  }
}
