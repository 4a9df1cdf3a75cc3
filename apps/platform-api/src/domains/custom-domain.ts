import type { DomainEntity } from '@storefront/database';

/** Where and what a merchant publishes to prove they control a host. */
export const VERIFICATION_LABEL = '_storefront-verification';

export function verificationRecordName(host: string): string {
  return `${VERIFICATION_LABEL}.${host}`;
}

export function verificationRecordValue(token: string): string {
  return `storefront-verification=${token}`;
}

export interface DomainView {
  readonly host: string;
  readonly kind: 'platform' | 'custom';
  readonly status: 'verified' | 'pending';
  /** The TXT record to publish; only for custom hosts. */
  readonly verification?: { readonly type: 'TXT'; readonly name: string; readonly value: string };
}

export function toDomainView(domain: DomainEntity): DomainView {
  return {
    host: domain.host,
    kind: domain.kind,
    status: domain.verifiedAt ? 'verified' : 'pending',
    ...(domain.kind === 'custom'
      ? { verification: { type: 'TXT', name: verificationRecordName(domain.host), value: verificationRecordValue(domain.verificationToken) } }
      : {}),
  };
}
