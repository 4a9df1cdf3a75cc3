import { createServiceMetrics } from '@storefront/observability';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface OperatorMetrics {
  readonly registry: Registry;
  readonly reconciles: Counter<'result'>;
  readonly reconcileErrors: Counter<'reason'>;
  readonly reconcileDuration: Histogram<'result'>;
  readonly queueDepth: Gauge;
  readonly queueInFlight: Gauge;
  readonly isLeader: Gauge;
}

/** Controller metrics; labels never carry a store name, so cardinality stays flat at any tenant count. */
export function createOperatorMetrics(): OperatorMetrics {
  const { registry } = createServiceMetrics('tenant-operator');
  return {
    registry,
    reconciles: new Counter({
      name: 'storefront_operator_reconciles_total',
      help: 'Store reconciles by result (success, requeue, error)',
      labelNames: ['result'],
      registers: [registry],
    }),
    reconcileErrors: new Counter({
      name: 'storefront_operator_reconcile_errors_total',
      help: 'Failed Store reconciles by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
    reconcileDuration: new Histogram({
      name: 'storefront_operator_reconcile_duration_seconds',
      help: 'Time one Store reconcile took',
      labelNames: ['result'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    queueDepth: new Gauge({ name: 'storefront_operator_workqueue_depth', help: 'Store keys waiting to be reconciled', registers: [registry] }),
    queueInFlight: new Gauge({ name: 'storefront_operator_workqueue_in_flight', help: 'Store keys being reconciled', registers: [registry] }),
    isLeader: new Gauge({ name: 'storefront_operator_is_leader', help: '1 while this replica holds the leader lease', registers: [registry] }),
  };
}
