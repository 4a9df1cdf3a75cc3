/** Cluster-wide settings of the storefront workloads, from the operator's configuration. */
export interface WorkloadSettings {
  /** Image of a Store that names none; always allowed. */
  readonly storefrontImage: string;
  /** Other images a Store may name (storefront-image-allowlist.ts says how entries match). */
  readonly allowedStorefrontImages: readonly string[];
  /** Stores answer at `<slug>.<platformDomain>`. */
  readonly platformDomain: string;
  readonly ingressClassName: string;
  /** cert-manager ClusterIssuer that signs the stores' certificates. */
  readonly clusterIssuer: string;
  /** Namespace of the ingress controller: the only source of traffic into a storefront. */
  readonly ingressControllerNamespace: string;
  /** Namespace of PostgreSQL, Redis and the shared services (checkout, search, notifications). */
  readonly platformNamespace: string;
  /** Database cluster id -> URL as the storefront Pods reach it. */
  readonly databaseUrls: Readonly<Record<string, string>>;
  readonly redisUrl: string;
  /** Shared service shard counts; the storefront must route with the same counts as the platform. */
  readonly shardCounts: Readonly<{ checkout: number; search: number; notifications: number }>;
  readonly shardUrlTemplate: string;
  readonly serviceTokenSecret: string;
  /** Addresses or CIDR blocks of the ingress controller: the storefront believes their X-Forwarded-For. */
  readonly trustedProxies: readonly string[];
}
