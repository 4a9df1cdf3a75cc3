import type { NotificationWorkers } from '@storefront/notifications';
import { Counter, Gauge, type Registry } from 'prom-client';

/** Shard metrics beyond HTTP: delivery attempts by outcome, and the depth of the shard's queues. */
export class NotificationsMetrics {
  readonly attempts = new Counter({
    name: 'notifications_delivery_attempts_total',
    help: 'Delivery attempts by channel and outcome (sent, retrying, failed = dead letter, not_configured = no way to send on this platform)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [],
  });

  /** Registered once the HTTP service, which owns the registry, is up. */
  register(registry: Registry, workers: NotificationWorkers): void {
    registry.registerMetric(this.attempts);
    new Gauge({
      name: 'notifications_queue_jobs',
      help: "Jobs in this shard's queues by state (waiting includes prioritized)",
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        for (const queue of [workers.events, workers.deliveries.queue]) {
          const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
          this.set({ queue: queue.name, state: 'waiting' }, (counts.waiting ?? 0) + (counts.prioritized ?? 0));
          for (const state of ['active', 'delayed', 'failed'] as const) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
  }
}
