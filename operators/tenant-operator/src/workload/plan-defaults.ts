import type { ResourceList, StorePlan } from '@storefront/store-resource';

interface PlanDefaults {
  readonly replicas: number;
  readonly requests: ResourceList;
  readonly limits: ResourceList;
}

/** What a plan buys in storefront capacity when the Store does not override it. */
export const PLAN_DEFAULTS: Readonly<Record<StorePlan, PlanDefaults>> = {
  starter: { replicas: 1, requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  growth: { replicas: 2, requests: { cpu: '100m', memory: '192Mi' }, limits: { cpu: '1', memory: '384Mi' } },
  scale: { replicas: 3, requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '2', memory: '512Mi' } },
  enterprise: { replicas: 3, requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '4', memory: '1Gi' } },
};
