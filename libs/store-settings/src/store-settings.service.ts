import type { TenantContext } from '@storefront/contracts';
import { appendToOutbox, newDomainEvent } from '@storefront/outbox';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { StoreSettingsEntity } from './store-settings.entity';

export interface StoreSettings {
  readonly name: string;
  readonly currency: string;
  readonly locale: string;
  readonly reviewsAutoApprove: boolean;
  readonly reviewRequestDelayDays: number;
}

export type StoreSettingsChange = Partial<StoreSettings>;

const SETTINGS_ROW = 1;

/** Called inside the transaction that changed the store's locale (search documents are stemmed by it). */
export type LocaleChangeListener = (tx: TenantTransaction, change: { readonly from: string; readonly to: string }) => Promise<void>;

/** Records `store.locale_changed` in the outbox, in the transaction of the change. */
export const recordLocaleChangesInOutbox: LocaleChangeListener = async (tx, change) => {
  await appendToOutbox(tx, newDomainEvent(tx.ctx, 'store.locale_changed', { ...change }));
};

/**
 * Name, currency and locale of a store, kept in the tenant's own schema. The row is written when
 * the tenant is provisioned (`seedTenantSchema`, with the name the store was registered under).
 */
export class StoreSettingsService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly onLocaleChange: LocaleChangeListener = async () => undefined,
  ) {}

  async get(ctx: TenantContext): Promise<StoreSettings> {
    return this.uow.run(ctx, async (tx) => toSettings(await tx.getRepository(StoreSettingsEntity).findOneByOrFail({ id: SETTINGS_ROW })));
  }

  async update(ctx: TenantContext, change: StoreSettingsChange): Promise<StoreSettings> {
    return this.uow.run(ctx, async (tx) => {
      const repository = tx.getRepository(StoreSettingsEntity);
      const current = await repository.findOneByOrFail({ id: SETTINGS_ROW });
      const saved = await repository.save({ ...current, ...change });
      if (saved.locale !== current.locale) await this.onLocaleChange(tx, { from: current.locale, to: saved.locale });
      return toSettings(saved);
    });
  }
}

function toSettings(row: StoreSettingsEntity): StoreSettings {
  return {
    name: row.name,
    currency: row.currency,
    locale: row.locale,
    reviewsAutoApprove: row.reviewsAutoApprove,
    reviewRequestDelayDays: row.reviewRequestDelayDays,
  };
}
