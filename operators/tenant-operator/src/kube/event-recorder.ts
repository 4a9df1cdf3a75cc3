import type { Logger } from '@storefront/observability';
import { randomBytes } from 'node:crypto';
import { EVENTS, resourcePath, type KubeApiClient } from '@storefront/kube-client';

export interface EventSubject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; namespace: string; uid: string; resourceVersion?: string };
}

/**
 * Records core/v1 Events on an object (`kubectl describe store x` shows them). Callers emit on
 * transitions, not on every reconcile, so a resync of 1,000 Stores writes no Events. An Event
 * that cannot be written is logged, never allowed to fail the reconcile.
 */
export class EventRecorder {
  constructor(
    private readonly client: KubeApiClient,
    private readonly component: string,
    private readonly logger: Logger,
  ) {}

  async record(subject: EventSubject, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    const now = new Date().toISOString();
    const { namespace, name } = subject.metadata;
    try {
      await this.client.create(resourcePath(EVENTS, namespace), {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${name}.${randomBytes(8).toString('hex')}`, namespace },
        involvedObject: {
          apiVersion: subject.apiVersion,
          kind: subject.kind,
          name,
          namespace,
          uid: subject.metadata.uid,
          resourceVersion: subject.metadata.resourceVersion,
        },
        type,
        reason,
        message: message.slice(0, 1024),
        source: { component: this.component },
        reportingComponent: this.component,
        reportingInstance: this.component,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      });
    } catch (error) {
      this.logger.warn({ err: error, reason, store: `${namespace}/${name}` }, 'could not record event');
    }
  }
}
