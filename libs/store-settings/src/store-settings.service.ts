import type { TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { StoreSettingsEntity } from './store-settings.entity';

export interface StoreSettings {
  readonly name: string;
  readonly currency: string;
  readonly locale: string;
}

export type StoreSettingsChange = Partial<StoreSettings>;

const SETTINGS_ROW = 1;

/**
 * Name, currency and locale of a store, kept in the tenant's own schema. The row is written when
 * the tenant is provisioned (`seedTenantSchema`, with the name the store was registered under).
 */
export class StoreSettingsService {
  constructor(private readonly uow: TenantUnitOfWork) {}

  async get(ctx: TenantContext): Promise<StoreSettings> {
    return this.uow.run(ctx, async (tx) => toSettings(await tx.getRepository(StoreSettingsEntity).findOneByOrFail({ id: SETTINGS_ROW })));
  }

  async update(ctx: TenantContext, change: StoreSettingsChange): Promise<StoreSettings> {
    return this.uow.run(ctx, async (tx) => {
      const repository = tx.getRepository(StoreSettingsEntity);
      const current = await repository.findOneByOrFail({ id: SETTINGS_ROW });
      return toSettings(await repository.save({ ...current, ...change }));
    });
  }
}

function toSettings(row: StoreSettingsEntity): StoreSettings {
  return { name: row.name, currency: row.currency, locale: row.locale };
}
