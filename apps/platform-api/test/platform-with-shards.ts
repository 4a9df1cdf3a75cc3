// The platform API joined to real shards, started (with a storefront to shop in) by the
// storefront's harness.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { StorefrontHarness, type StorefrontHarnessOptions } from '../../storefront/test/storefront-harness';
import { PlatformApiHarness } from './platform-api-harness';

export interface PlatformWithShards {
  readonly platform: StorefrontHarness;
  readonly api: PlatformApiHarness;
}

/** Starts both in `beforeAll` and closes them in `afterAll`; read the fields inside tests. */
export function usePlatformWithShards(options: StorefrontHarnessOptions = {}, storefrontEnv: Record<string, string> = {}): PlatformWithShards {
  const started: { platform?: StorefrontHarness; api?: PlatformApiHarness } = {};
  beforeAll(async () => {
    started.platform = await StorefrontHarness.start(storefrontEnv, options);
    const { DATABASE_URL: _database, REDIS_URL: _redis, LOG_LEVEL: _level, ...joinEnv } = started.platform.platformEnv;
    started.api = await PlatformApiHarness.start(joinEnv);
  });
  afterAll(async () => {
    await started.api?.close();
    await started.platform?.close();
  });
  return {
    get platform() {
      return started.platform!;
    },
    get api() {
      return started.api!;
    },
  };
}
