import { StoreResourceEntity, type DatabaseClusters, type TenantEntity } from '@storefront/database';
import { resourcePath, type KubeApiClient } from '@storefront/kube-client';
import type { Logger } from '@storefront/observability';
import { CREATED_BY_PLATFORM_API, STORE_API_VERSION, STORE_KIND, STORES, type Store, type StorePlan } from '@storefront/store-resource';
import { SlugTakenError, type ProvisionTenantInput, type TenantProvisioner } from '@storefront/tenancy';
import type { StoreProvisioningStrategy } from './store-provisioning.strategy';

/** The Kubernetes API did not take the Store (unreachable, or it refused): nothing was created. */
export class StoreLaunchError extends Error {
  constructor(
    readonly slug: string,
    override readonly cause: unknown,
  ) {
    super(`the store "${slug}" could not be set up right now; try again in a minute`);
    this.name = 'StoreLaunchError';
  }
}

/**
 * Kubernetes mode: signup registers the tenant (status `provisioning`, slug taken) and creates
 * its `Store` resource; the tenant operator does the rest (schema, first settings, workload) and
 * activates the tenant once its storefront is available. StoreStatusMirror brings the status back.
 */
export class KubernetesStoreProvisioning implements StoreProvisioningStrategy {
  constructor(
    private readonly provisioner: TenantProvisioner,
    private readonly clusters: DatabaseClusters,
    private readonly kube: KubeApiClient,
    private readonly namespace: string,
    private readonly logger: Logger,
  ) {}

  provision(input: ProvisionTenantInput): Promise<TenantEntity> {
    return this.provisioner.register(input);
  }

  /** The operator does the rest once the Store exists; launch finds a Store it made before. */
  complete(tenant: TenantEntity): Promise<void> {
    return this.launch(tenant);
  }

  async launch(tenant: TenantEntity): Promise<void> {
    const name = tenant.slug;
    // Recorded before the Store exists, so the mirror attributes its first status to this tenant.
    await this.clusters.primary
      .createQueryBuilder()
      .insert()
      .into(StoreResourceEntity)
      .values({ tenantId: tenant.id, namespace: this.namespace, name, ready: false, conditions: [] })
      .orIgnore()
      .execute();
    try {
      await this.kube.create(resourcePath(STORES, this.namespace), {
        apiVersion: STORE_API_VERSION,
        kind: STORE_KIND,
        metadata: { name, namespace: this.namespace, labels: { ...CREATED_BY_PLATFORM_API } },
        spec: { tenantId: tenant.id, slug: tenant.slug, displayName: tenant.name, plan: tenant.plan as StorePlan },
      });
    } catch (error) {
      // A lost answer may hide a Store that was created after all; a Store of another tenant
      // under this name (made with kubectl, say) has the slug.
      const existing = await this.kube.get<Store>(resourcePath(STORES, this.namespace, name)).catch(() => undefined);
      if (existing?.spec.tenantId === tenant.id) return;
      if (existing) throw new SlugTakenError(tenant.slug);
      this.logger.error({ err: error, tenantId: tenant.id, namespace: this.namespace }, 'creating the Store failed');
      throw new StoreLaunchError(tenant.slug, error);
    }
  }
}
