export * from './store-settings.entity';
export * from './store-settings.service';

import { StoreSettingsEntity } from './store-settings.entity';

/** Tenant entities of this module; pass them to DatabaseClusters as `tenantEntities`. */
export const STORE_SETTINGS_ENTITIES = [StoreSettingsEntity] as const;
