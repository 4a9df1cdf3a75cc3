import { StoreResourceEntity, type DatabaseClusters, type TenantEntity } from '@storefront/database';
import { isInvalid, isNotFound, resourcePath, type KubeApiClient } from '@storefront/kube-client';
import type { Logger } from '@storefront/observability';
import { STORE_PLANS, STORES, type Store } from '@storefront/store-resource';
import { StoreUnavailableError, type StoreLifecycleStrategy } from './store-lifecycle.strategy';

/** Shown in the Store's managedFields as the writer of `spec.suspended` and `spec.plan`. */
export const PLATFORM_API_FIELD_MANAGER = 'platform-api';

/**
 * Kubernetes mode: the tenant's `Store` (the one its `platform.store_resources` row names) is
 * what runs its storefront; the operator scales it to 0 while `spec.suspended` is true, sizes it
 * by `spec.plan` and, on deletion, stops it in its finalizer. A Store of that name that names another tenant (made with
 * kubectl after ours was deleted) is never touched.
 */
export class KubernetesStoreLifecycle implements StoreLifecycleStrategy {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly kube: KubeApiClient,
    private readonly logger: Logger,
  ) {}

  setSuspended(tenant: TenantEntity, suspended: boolean): Promise<void> {
    return this.patchSpec(tenant, 'suspended', suspended);
  }

  async setPlan(tenant: TenantEntity, plan: string): Promise<void> {
    // The CRD knows only these plans; one it does not know keeps the Store's current sizing.
    if (!(STORE_PLANS as readonly string[]).includes(plan)) {
      this.logger.warn({ tenantId: tenant.id, plan }, 'the plan has no Store equivalent; the Store keeps its plan');
      return;
    }
    await this.patchSpec(tenant, 'plan', plan);
  }

  async checkRemovable(tenant: TenantEntity): Promise<void> {
    const path = await this.pathOf(tenant);
    if (path) await this.read(tenant, path);
  }

  async remove(tenant: TenantEntity): Promise<void> {
    const path = await this.pathOf(tenant);
    if (!path) return;
    const store = await this.read(tenant, path);
    if (store?.spec.tenantId !== tenant.id) return;
    try {
      // The uid precondition: the Store just checked is the one deleted, never a successor.
      await this.kube.delete(path, {}, { uid: store.metadata.uid });
    } catch (error) {
      throw this.unavailable(tenant, error, 'deleting the Store failed');
    }
  }

  private async patchSpec(tenant: TenantEntity, field: 'suspended' | 'plan', value: unknown): Promise<void> {
    const path = await this.pathOf(tenant);
    if (!path) return;
    try {
      // `test` makes the patch conditional on the Store still being this tenant's, in one request.
      await this.kube.jsonPatch(
        path,
        [
          { op: 'test', path: '/spec/tenantId', value: tenant.id },
          { op: 'add', path: `/spec/${field}`, value },
        ],
        { fieldManager: PLATFORM_API_FIELD_MANAGER },
      );
    } catch (error) {
      if (isNotFound(error)) return;
      if (isInvalid(error) && !(await this.isOurs(tenant, path))) return;
      throw this.unavailable(tenant, error, `setting the Store's spec.${field} failed`);
    }
  }

  private async pathOf(tenant: TenantEntity): Promise<string | undefined> {
    const row = await this.clusters.primary.getRepository(StoreResourceEntity).findOneBy({ tenantId: tenant.id });
    return row ? resourcePath(STORES, row.namespace, row.name) : undefined;
  }

  private async read(tenant: TenantEntity, path: string): Promise<Store | undefined> {
    try {
      return await this.kube.get<Store>(path);
    } catch (error) {
      throw this.unavailable(tenant, error, 'reading the Store failed');
    }
  }

  private async isOurs(tenant: TenantEntity, path: string): Promise<boolean> {
    const store = await this.read(tenant, path);
    if (store && store.spec.tenantId !== tenant.id) {
      this.logger.warn({ tenantId: tenant.id, store: path, storeTenantId: store.spec.tenantId }, 'the Store of this name belongs to another tenant; left untouched');
    }
    return store?.spec.tenantId === tenant.id;
  }

  private unavailable(tenant: TenantEntity, error: unknown, message: string): StoreUnavailableError {
    this.logger.error({ err: error, tenantId: tenant.id }, message);
    return new StoreUnavailableError(tenant.id, error);
  }
}
