import { ShardAssignmentEntity, TenantEntity, type DatabaseClusters } from '@storefront/database';
import type { Logger } from '@storefront/observability';
import { passwordInRedisUrl, storefrontRedisUser, type RedisAclUsers } from '@storefront/redis-acl';
import { SlugTakenError, type StorefrontDatabaseLogins, type TenantChangeNotifier, type TenantProvisioner } from '@storefront/tenancy';
import { isDeepStrictEqual } from 'node:util';
import { isNotFound, DEPLOYMENTS, INGRESSES, NETWORK_POLICIES, resourcePath, SECRETS, SERVICES, type KubeApiClient, type ResourceType } from '@storefront/kube-client';
import { CREATED_BY_PLATFORM_API, isConditionTrue, mergeConditions, transitions, STORE_FINALIZER, STORES, type ConditionInput, type Store, type StorePhase, type StoreStatus } from '@storefront/store-resource';
import type { EventRecorder } from '../kube/event-recorder';
import { isSubset } from '../kube/object-subset';
import type { StoreConflicts } from '../store/store-claims';
import { desiredReplicas, hashOf, storefrontDeploymentManifest, storefrontImageOf } from '../workload/storefront-deployment.manifest';
import { StorefrontImageAllowlist } from '../workload/storefront-image-allowlist';
import { storefrontIngressManifest } from '../workload/storefront-ingress.manifest';
import { storefrontNetworkPolicyManifest } from '../workload/storefront-network-policy.manifest';
import { storefrontServiceManifest } from '../workload/storefront-service.manifest';
import { hostsOf, rejectedDomainsOf, workloadName } from '../workload/store-workload-names';
import { tenantDatabaseSecretManifest, tenantDatabaseSecretName, type StorefrontRedisLogin } from '../workload/tenant-database-secret.manifest';
import type { WorkloadSettings } from '../workload/workload-settings';
import type { TenantReclaimer } from './tenant-reclaimer';

export interface ReconcileResult {
  /** Look again after this long even if nothing changes (e.g. a conflict that may clear). */
  readonly requeueAfterMs?: number;
}

export interface StoreReconcilerOptions {
  readonly client: KubeApiClient;
  readonly fieldManager: string;
  readonly settings: WorkloadSettings;
  readonly clusters: DatabaseClusters;
  readonly provisioner: TenantProvisioner;
  /** The store's own database login, which its Secret carries instead of the platform's. */
  readonly storefrontLogins: StorefrontDatabaseLogins;
  /** Tells every process's host cache that a tenant went live (it may hold "unknown host"). */
  readonly notifier: TenantChangeNotifier;
  /** Creates each store's Redis user, over the operator's admin connection. */
  readonly redisUsers: RedisAclUsers;
  /** Tenant migrations a fully migrated schema has. */
  readonly schemaTarget: number;
  readonly reclaimer: TenantReclaimer;
  readonly events: EventRecorder;
  /** Claims of other Stores on this Store's tenant and hosts (from the informer cache). */
  readonly conflictsOf: (store: Store) => StoreConflicts;
  /** An owned object as the informer cache holds it, if it does. */
  readonly cached?: (type: ResourceType, namespace: string, name: string) => unknown;
  readonly logger: Logger;
}

interface DeploymentState {
  metadata: { generation?: number };
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; availableReplicas?: number; updatedReplicas?: number; replicas?: number };
}

const CONFLICT_RECHECK_MS = 60_000;
/** False conditions that are steps on the way, not problems: recorded as Normal events. */
const PROGRESS_REASONS = new Set(['RollingOut', 'Suspended', 'SchemaNotReady']);

/**
 * Level-triggered: every call compares the whole desired state of one Store with the world and
 * converges it, whatever event led here. Every step is idempotent, so a crash at any point is
 * repaired by the next reconcile.
 */
export class StoreReconciler {
  private readonly images: StorefrontImageAllowlist;

  constructor(private readonly options: StoreReconcilerOptions) {
    this.images = new StorefrontImageAllowlist(options.settings.allowedStorefrontImages, options.settings.storefrontImage);
  }

  async reconcile(store: Store): Promise<ReconcileResult> {
    if (store.metadata.deletionTimestamp) return this.finalize(store);

    // Before anything is written: the storefront Pod gets the tenant's Secret, so an image the
    // platform does not vouch for must never get a Secret, a schema or a Deployment.
    const image = storefrontImageOf(store, this.options.settings);
    if (!this.images.allows(image)) {
      const message = `storefront image "${image}" is not in the operator's allowlist (PLATFORM_OPERATOR_ALLOWED_STOREFRONT_IMAGES); nothing was provisioned or changed`;
      await this.writeStatus(store, 'Failed', [
        { type: 'SchemaReady', status: false, reason: 'ImageNotAllowed', message },
        { type: 'WorkloadReady', status: false, reason: 'ImageNotAllowed', message },
        { type: 'DomainsReady', status: false, reason: 'ImageNotAllowed', message },
      ]);
      return {};
    }

    const conflicts = this.options.conflictsOf(store);
    if (conflicts.tenantTakenBy) {
      await this.writeStatus(store, 'Failed', [
        { type: 'SchemaReady', status: false, reason: 'TenantClaimed', message: `tenant ${store.spec.tenantId} belongs to Store ${conflicts.tenantTakenBy}` },
        { type: 'WorkloadReady', status: false, reason: 'TenantClaimed' },
        { type: 'DomainsReady', status: false, reason: 'TenantClaimed' },
      ]);
      return { requeueAfterMs: CONFLICT_RECHECK_MS };
    }
    if (!store.metadata.finalizers?.includes(STORE_FINALIZER)) await this.addFinalizer(store);

    const schema = await this.ensureSchema(store).catch(async (error: unknown) => {
      // Say why in the status before the controller retries with backoff.
      const message = error instanceof Error ? error.message : String(error);
      await this.writeStatus(store, 'Provisioning', [
        { type: 'SchemaReady', status: false, reason: 'ProvisioningFailed', message },
        { type: 'WorkloadReady', status: false, reason: 'SchemaNotReady' },
        { type: 'DomainsReady', status: false, reason: 'SchemaNotReady' },
      ]).catch((statusError: unknown) => this.options.logger.warn({ err: statusError, store: store.metadata.name }, 'could not record the provisioning failure'));
      throw error;
    });
    if (!schema.tenant) {
      await this.writeStatus(store, 'Failed', [
        schema.condition,
        { type: 'WorkloadReady', status: false, reason: 'SchemaNotReady' },
        { type: 'DomainsReady', status: false, reason: 'SchemaNotReady' },
      ]);
      return { requeueAfterMs: CONFLICT_RECHECK_MS };
    }
    const { tenant } = schema;

    const hosts = hostsOf(store, this.options.settings.platformDomain).filter((h) => !conflicts.hostsTakenBy.has(h));
    const login = await this.options.storefrontLogins.ensure(tenant, databaseLoginGenerationOf(store));
    const secret = tenantDatabaseSecretManifest(store, tenant, this.options.settings, login, await this.ensureRedisUser(store, tenant.id));
    // Independent objects, applied together: a reconcile costs one round trip, not five.
    const [, deployment] = await Promise.all([
      this.apply(SECRETS, store, secret),
      this.apply<DeploymentState>(DEPLOYMENTS, store, storefrontDeploymentManifest(store, this.options.settings, hashOf(secret.data))),
      this.apply(SERVICES, store, storefrontServiceManifest(store)),
      this.apply(INGRESSES, store, storefrontIngressManifest(store, hosts, this.options.settings)),
      this.apply(NETWORK_POLICIES, store, storefrontNetworkPolicyManifest(store, this.options.settings)),
    ]);

    const workload = workloadCondition(store, deployment);
    // The tenant goes live (host resolution serves it) when its storefront is available, not when
    // its schema is: the platform shows it `provisioning` until then. Before the status write,
    // so a Store reporting WorkloadReady always has an active tenant.
    if (workload.status && tenant.status === 'provisioning') await this.activate(store, tenant);
    const taken = [...conflicts.hostsTakenBy].map(([host, by]) => `${host} (served by ${by})`);
    const reserved = rejectedDomainsOf(store, this.options.settings.platformDomain);
    const domains: ConditionInput = reserved.length
      ? { type: 'DomainsReady', status: false, reason: 'DomainReserved', message: `not routed, under the platform domain: ${reserved.join(', ')}` }
      : taken.length
        ? { type: 'DomainsReady', status: false, reason: 'DomainConflict', message: `not routed: ${taken.join(', ')}` }
        : { type: 'DomainsReady', status: true, reason: 'HostsRouted', message: hosts.join(', ') };
    const phase: StorePhase = store.spec.suspended ? 'Suspended' : workload.status && domains.status ? 'Ready' : 'Provisioning';
    await this.writeStatus(store, phase, [schema.condition, workload, domains], {
      schemaVersion: tenant.schemaVersion,
      placement: { databaseCluster: tenant.clusterId, shards: await this.shardsOf(tenant.id) },
      hosts,
      ...(hosts[0] ? { url: `https://${hosts[0]}` } : {}),
    });
    return taken.length ? { requeueAfterMs: CONFLICT_RECHECK_MS } : {};
  }

  private async ensureSchema(store: Store): Promise<{ tenant?: TenantEntity; condition: ConditionInput }> {
    const { tenantId, slug } = store.spec;
    const fail = (reason: string, message: string): { condition: ConditionInput } => ({
      condition: { type: 'SchemaReady', status: false, reason, message },
    });
    // One registry read answers "nothing to do" for a provisioned, migrated tenant (every resync).
    let tenant = await this.options.clusters.primary.getRepository(TenantEntity).findOneBy({ id: tenantId });
    if (tenant?.status === 'deleted') return fail('TenantDeleted', `tenant ${tenantId} was deleted; a new Store needs a new tenant id`);
    if (tenant && tenant.slug !== slug) return fail('SlugMismatch', `tenant ${tenantId} is registered as "${tenant.slug}"`);
    if (!tenant && createdBySignup(store)) {
      return fail('TenantNotRegistered', `created by platform signup, but tenant ${tenantId} is not registered (the signup was undone); delete this Store`);
    }
    // A provisioning tenant stays so until its storefront is up; once this Store has reported its
    // schema ready, only a newer migration target sends it through the provisioner again.
    const provisioned = tenant?.status !== 'provisioning' || isConditionTrue(store.status?.conditions, 'SchemaReady');
    if (!tenant || !provisioned || tenant.schemaVersion < this.options.schemaTarget) {
      try {
        tenant = await this.options.provisioner.provision(
          {
            tenantId,
            slug,
            // Platform signup registered the tenant with the merchant's store name already; kept.
            name: store.spec.displayName ?? slug,
            plan: store.spec.plan,
          },
          { activate: false },
        );
      } catch (error) {
        if (error instanceof SlugTakenError) return fail('SlugTaken', error.message);
        throw error;
      }
    }
    return {
      tenant,
      condition: { type: 'SchemaReady', status: true, reason: 'Migrated', message: `schema ${tenant.schemaName} at version ${tenant.schemaVersion}` },
    };
  }

  /**
   * The store's Redis user, rules refreshed on every reconcile (which also restores it should
   * Redis lose its users). The password its Secret already holds is kept, so the Pods' REDIS_URL
   * stays valid and the Secret (hashed into the Deployment) does not change.
   */
  private async ensureRedisUser(store: Store, tenantId: string): Promise<StorefrontRedisLogin> {
    const { namespace } = store.metadata;
    const name = tenantDatabaseSecretName(store);
    const live = (this.options.cached?.(SECRETS, namespace, name) ?? (await this.options.client.get(resourcePath(SECRETS, namespace, name)))) as
      | { data?: Record<string, string> }
      | undefined;
    const url = live?.data?.REDIS_URL === undefined ? undefined : Buffer.from(live.data.REDIS_URL, 'base64').toString();
    return this.options.redisUsers.ensureStorefrontUser(tenantId, url === undefined ? undefined : passwordInRedisUrl(url, storefrontRedisUser(tenantId)));
  }

  private async activate(store: Store, tenant: TenantEntity): Promise<void> {
    if (!(await this.options.provisioner.activate(tenant.id))) return;
    tenant.status = 'active';
    await this.event(store, 'Normal', 'TenantActivated', `tenant ${tenant.id} is live`);
    // Not awaited, best effort: a host cache that misses this drops its "unknown host" entry within a minute anyway.
    void this.options.notifier
      .publish({ tenantId: tenant.id })
      .catch((error: unknown) => this.options.logger.warn({ err: error, tenantId: tenant.id }, 'could not announce the activated tenant'));
  }

  private async finalize(store: Store): Promise<ReconcileResult> {
    const index = store.metadata.finalizers?.indexOf(STORE_FINALIZER) ?? -1;
    if (index < 0) return {};
    const conflicts = this.options.conflictsOf(store);
    // Never reclaim a tenant this Store does not own: one claimed by an earlier Store, or a
    // registry row of another slug (a Store that failed with SlugMismatch).
    const registered = await this.options.clusters.primary.getRepository(TenantEntity).findOneBy({ id: store.spec.tenantId });
    if (registered && registered.slug !== store.spec.slug) {
      await this.event(store, 'Warning', 'ReclaimSkipped', `tenant ${store.spec.tenantId} is registered as "${registered.slug}"; left untouched`);
    } else if (!conflicts.tenantTakenBy) {
      // Stop the storefront first, so nothing writes to a schema being exported and dropped.
      await this.options.client.delete(resourcePath(DEPLOYMENTS, store.metadata.namespace, workloadName(store)));
      await this.options.redisUsers.removeStorefrontUser(store.spec.tenantId);
      if (registered?.status === 'deleting' || registered?.status === 'deleted') {
        // The platform's deletion exported the data and drops it after its retention period:
        // a second export or an early drop here would break both (docs/adr/0102).
        await this.event(store, 'Normal', 'ReclaimedByPlatform', `tenant ${store.spec.tenantId} is ${registered.status} by the platform; its data is left to the platform's deletion`);
      } else if (store.spec.reclaimPolicy === 'Delete') {
        const { archive } = await this.options.reclaimer.purge(store.spec.tenantId);
        await this.event(store, 'Normal', 'SchemaDropped', archive ? `data exported to ${archive}; schema and role dropped` : 'schema and role dropped');
      } else {
        await this.options.reclaimer.retain(store.spec.tenantId);
        await this.event(store, 'Normal', 'SchemaRetained', 'schema, role and data kept (reclaimPolicy Retain)');
      }
    }
    try {
      await this.options.client.jsonPatch(resourcePath(STORES, store.metadata.namespace, store.metadata.name), [
        { op: 'test', path: `/metadata/finalizers/${index}`, value: STORE_FINALIZER },
        { op: 'remove', path: `/metadata/finalizers/${index}` },
      ]);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    return {};
  }

  private async addFinalizer(store: Store): Promise<void> {
    // Apply owns just our entry of the finalizer set; other controllers' entries are untouched.
    await this.options.client.apply(
      resourcePath(STORES, store.metadata.namespace, store.metadata.name),
      { apiVersion: store.apiVersion, kind: store.kind, metadata: { name: store.metadata.name, namespace: store.metadata.namespace, finalizers: [STORE_FINALIZER] } },
      { fieldManager: this.options.fieldManager },
    );
  }

  private async apply<T>(type: ResourceType, store: Store, manifest: Record<string, unknown>): Promise<T> {
    const name = (manifest.metadata as { name: string }).name;
    // Nothing to change: skip the request. A resync of Stores at rest then costs no API writes,
    // while any edit of a field we set (seen by the informer) fails the check and is re-applied.
    const live = this.options.cached?.(type, store.metadata.namespace, name);
    if (live !== undefined && isSubset(manifest, live)) return live as T;
    return this.options.client.apply<T>(resourcePath(type, store.metadata.namespace, name), manifest, {
      fieldManager: this.options.fieldManager,
      force: true,
    });
  }

  private async shardsOf(tenantId: string): Promise<Record<string, number>> {
    const rows = await this.options.clusters.primary.getRepository(ShardAssignmentEntity).findBy({ tenantId });
    return Object.fromEntries(rows.map((r) => [r.service, r.shard]));
  }

  /** Writes status only when it changed, so a resync of healthy Stores costs no writes or events. */
  private async writeStatus(store: Store, phase: StorePhase, inputs: ConditionInput[], extra: Partial<StoreStatus> = {}): Promise<void> {
    const generation = store.metadata.generation;
    const ready = inputs.every((c) => c.status);
    const firstFailing = inputs.find((c) => !c.status);
    const all: ConditionInput[] = [
      ...inputs,
      ready
        ? { type: 'Ready', status: true, reason: 'StoreReady', message: 'schema migrated, storefront available, hosts routed' }
        : { type: 'Ready', status: false, reason: firstFailing!.reason, message: `${firstFailing!.type}: ${firstFailing!.message ?? ''}` },
    ];
    const previous = store.status?.conditions;
    const conditions = mergeConditions(previous, all, generation);
    const status: StoreStatus = JSON.parse(JSON.stringify({ ...extra, phase, observedGeneration: generation, conditions }));
    if (isDeepStrictEqual(normalise(store.status), normalise(status))) return;
    await this.options.client.apply(
      resourcePath(STORES, store.metadata.namespace, store.metadata.name, 'status'),
      { apiVersion: store.apiVersion, kind: store.kind, metadata: { name: store.metadata.name, namespace: store.metadata.namespace }, status },
      { fieldManager: this.options.fieldManager, force: true },
    );
    await Promise.all(
      transitions(previous, conditions).map((changed) => {
        const warning = changed.status !== 'True' && !PROGRESS_REASONS.has(changed.reason);
        return this.event(store, warning ? 'Warning' : 'Normal', changed.reason, `${changed.type}=${changed.status}: ${changed.message}`);
      }),
    );
  }

  private event(store: Store, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    return this.options.events.record(store, type, reason, message);
  }
}

function workloadCondition(store: Store, deployment: DeploymentState): ConditionInput {
  const want = desiredReplicas(store);
  const status = deployment.status ?? {};
  if (store.spec.suspended) {
    const stopped = (status.replicas ?? 0) === 0;
    return { type: 'WorkloadReady', status: false, reason: 'Suspended', message: stopped ? 'storefront scaled to 0' : 'scaling storefront to 0' };
  }
  const rolledOut = (status.observedGeneration ?? 0) >= (deployment.metadata.generation ?? 1);
  const available = status.availableReplicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  if (rolledOut && available >= want && updated >= want) {
    return { type: 'WorkloadReady', status: true, reason: 'Available', message: `${available}/${want} replicas available` };
  }
  return { type: 'WorkloadReady', status: false, reason: 'RollingOut', message: `${available}/${want} replicas available, ${updated} updated` };
}

/** Status as stored, without fields the comparison must ignore. */
function normalise(status: StoreStatus | undefined): unknown {
  return JSON.parse(JSON.stringify(status ?? {}));
}

function createdBySignup(store: Store): boolean {
  return Object.entries(CREATED_BY_PLATFORM_API).every(([label, value]) => store.metadata.labels?.[label] === value);
}

/** Raising this annotation rotates the store's database password (the operator derives it). */
export const DATABASE_LOGIN_GENERATION_ANNOTATION = 'storefront-platform.io/database-login-generation';

function databaseLoginGenerationOf(store: Store): number {
  const value = Number(store.metadata.annotations?.[DATABASE_LOGIN_GENERATION_ANNOTATION] ?? 0);
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
}
