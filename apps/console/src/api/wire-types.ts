/**
 * Shapes of the platform API's answers that are not shared contracts yet: written here rather
 * than imported from the server's domain libs, which the console must not depend on (Nx tags).
 * Shapes shared with the server (orders, deliveries, tenants, health, webhooks, paging, money,
 * selling rules) come from `@storefront/contracts`, which both sides import; the OpenAPI
 * document at /docs is the reference for the rest.
 */
import type { Money } from '@storefront/contracts';

export interface StoreView {
  readonly tenantId: string;
  readonly slug: string;
  readonly name: string;
  readonly status: string;
  readonly plan: string;
  readonly storeUrl: string;
  readonly domains: readonly { host: string; kind: string; verified: boolean }[];
  /** Kubernetes mode: the store's setup as its operator reports it; null when provisioned in-process. */
  readonly provisioning: { readonly phase: string | null; readonly ready: boolean; readonly conditions: readonly { type: string; status: string; reason: string }[] } | null;
}

export interface StoreSettings {
  readonly name: string;
  readonly currency: string;
  readonly locale: string;
}

export interface DomainView {
  readonly host: string;
  readonly kind: 'platform' | 'custom';
  readonly status: 'verified' | 'pending';
  readonly verification?: { readonly type: 'TXT'; readonly name: string; readonly value: string };
}

export interface ProductOption {
  readonly name: string;
  readonly values: readonly string[];
}

export interface VariantView {
  readonly id: string;
  readonly sku: string;
  readonly options: Readonly<Record<string, string>>;
  readonly price: Money | null;
  readonly stock: number;
}

export type ProductStatus = 'draft' | 'active' | 'archived';

export interface ProductView {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly price: Money;
  readonly status: ProductStatus;
  readonly images: readonly string[];
  readonly options: readonly ProductOption[];
  readonly variants: readonly VariantView[];
  readonly categoryIds: readonly string[];
}

export interface CategoryView {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly position: number;
}

export interface NotificationTemplate {
  readonly event: string;
  readonly channel: 'email' | 'sms';
  readonly subject: string | null;
  readonly body: string;
}

export interface AuditEntry {
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: string;
  readonly action: string;
  readonly tenantId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}
