import type { Logger } from '@storefront/observability';
import { isConflict, LEASES, resourcePath, type KubeApiClient } from '@storefront/kube-client';

interface Lease {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

export interface LeaderElectionOptions {
  readonly client: KubeApiClient;
  readonly namespace: string;
  readonly leaseName: string;
  /** Unique per replica (the Pod name in Kubernetes). */
  readonly identity: string;
  /** How long a lease holds without renewal before a standby may take it. */
  readonly leaseDurationMs: number;
  /** The leader gives up if it could not renew for this long (must be < leaseDurationMs). */
  readonly renewDeadlineMs: number;
  readonly retryPeriodMs: number;
  readonly logger: Logger;
  readonly onStartedLeading: () => void;
  /** Called once when leadership is lost; the process must stop reconciling at once. */
  readonly onStoppedLeading: () => void;
}

/**
 * Leader election on a coordination.k8s.io Lease, as client-go does it: optimistic concurrency
 * on the Lease's resourceVersion, and expiry judged by when *we* last saw the record change
 * (our clock only), so clock skew between replicas cannot make two leaders.
 */
export class LeaderElection {
  private leader = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private observed: { resourceVersion: string; at: number } | undefined;
  private lastRenewal = 0;
  private readonly path: string;

  constructor(private readonly options: LeaderElectionOptions) {
    if (options.renewDeadlineMs >= options.leaseDurationMs) throw new Error('renewDeadlineMs must be below leaseDurationMs');
    this.path = resourcePath(LEASES, options.namespace, options.leaseName);
  }

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  /** Stops campaigning; a leader releases the Lease so a standby takes over without waiting. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (!this.leader) return;
    this.leader = false;
    try {
      const lease = await this.options.client.get<Lease>(this.path);
      if (lease?.spec.holderIdentity === this.options.identity) {
        await this.options.client.replace(this.path, {
          ...lease,
          spec: { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime(new Date()) },
        });
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not release the lease; a standby takes over when it expires');
    }
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    let held = false;
    try {
      held = await this.tryAcquireOrRenew();
    } catch (error) {
      this.options.logger.warn({ err: error, lease: this.path }, 'lease request failed');
    }
    if (this.stopped) return;
    const now = Date.now();
    if (held) {
      this.lastRenewal = now;
      if (!this.leader) {
        this.leader = true;
        this.options.logger.info({ identity: this.options.identity, lease: this.path }, 'became leader');
        this.options.onStartedLeading();
      }
    } else if (this.leader && now - this.lastRenewal > this.options.renewDeadlineMs) {
      this.leader = false;
      this.stopped = true;
      this.options.logger.error({ identity: this.options.identity }, 'lost leadership: could not renew the lease in time');
      this.options.onStoppedLeading();
      return;
    }
    this.timer = setTimeout(() => void this.tick(), this.options.retryPeriodMs * (this.leader ? 1 : 1 + Math.random() * 0.2));
    this.timer.unref();
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, identity } = this.options;
    const now = new Date();
    const durationSeconds = Math.ceil(this.options.leaseDurationMs / 1000);
    const existing = await client.get<Lease>(this.path);
    if (!existing) {
      try {
        await client.create(resourcePath(LEASES, this.options.namespace), {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: this.options.leaseName, namespace: this.options.namespace },
          spec: { holderIdentity: identity, leaseDurationSeconds: durationSeconds, acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: 0 },
        });
        return true;
      } catch (error) {
        if (isConflict(error)) return false; // another replica created it first
        throw error;
      }
    }

    const version = existing.metadata.resourceVersion ?? '';
    if (this.observed?.resourceVersion !== version) this.observed = { resourceVersion: version, at: now.getTime() };
    const holder = existing.spec.holderIdentity ?? '';
    const expiresAt = this.observed.at + (existing.spec.leaseDurationSeconds ?? durationSeconds) * 1000;
    if (holder && holder !== identity && now.getTime() < expiresAt) return false;

    const takingOver = holder !== identity;
    try {
      const updated = await client.replace<Lease>(this.path, {
        ...existing,
        spec: {
          holderIdentity: identity,
          leaseDurationSeconds: durationSeconds,
          acquireTime: takingOver ? microTime(now) : existing.spec.acquireTime,
          renewTime: microTime(now),
          leaseTransitions: (existing.spec.leaseTransitions ?? 0) + (takingOver && holder ? 1 : 0),
        },
      });
      this.observed = { resourceVersion: updated.metadata.resourceVersion ?? '', at: now.getTime() };
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }
}

/** metav1.MicroTime wants six fractional digits. */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
