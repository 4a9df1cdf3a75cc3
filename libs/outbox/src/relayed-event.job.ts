import type { SerializedTenantContext } from '@storefront/contracts';
import type { DomainEvent } from './domain-event';

/** Payload of an event job on a shard's queue; the job id is the event id. */
export interface RelayedEventJob {
  readonly event: DomainEvent;
  readonly tenant: SerializedTenantContext;
}
