import type { SerializedTenantContext } from '@storefront/contracts';
import type { DomainEvent } from './domain-event';

/** Payload of an event job on a shard's queue; the job id is the event id. */
export interface RelayedEventJob {
  readonly event: DomainEvent;
  readonly tenant: SerializedTenantContext;
  /** Fair-queuing start tag (see tenant-fair-queue.ts); absent on jobs published before it existed. */
  readonly fairTag?: number;
}
