import type { DatabaseClusters } from '@storefront/database';

/** Injection handle for the process's database clusters (an interface-free class token for Nest). */
export class PlatformDatabase {
  constructor(readonly clusters: DatabaseClusters) {}
}
