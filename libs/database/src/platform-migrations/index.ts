export * from './run-platform-migrations';
import { PlatformInit1732147200000 } from './1732147200000-platform-init.migration';
import { PlatformAccounts1732233600000 } from './1732233600000-platform-accounts.migration';

/** Ordered migrations of the `platform` schema. Expand/contract: never break the running version. */
export const PLATFORM_MIGRATIONS = [PlatformInit1732147200000, PlatformAccounts1732233600000];
