import { RESERVED_SLUGS } from '@storefront/tenancy';
import {
  RECLAIM_POLICIES,
  STORE_GROUP,
  STORE_KIND,
  STORE_PHASES,
  STORE_PLANS,
  STORE_PLURAL,
  STORE_VERSION,
} from './store.types';

const quantity = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$' };
const resourceList = { type: 'object', properties: { cpu: quantity, memory: quantity } };
/** A DNS name of labels; the API server checks it so a typo never reaches an Ingress. */
const HOSTNAME = '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$';

const condition = {
  type: 'object',
  required: ['type', 'status', 'reason', 'lastTransitionTime'],
  properties: {
    type: { type: 'string' },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    reason: { type: 'string' },
    message: { type: 'string' },
    observedGeneration: { type: 'integer', format: 'int64' },
    lastTransitionTime: { type: 'string', format: 'date-time' },
  },
};

/**
 * The Store CRD. The schema lives in TypeScript next to the types it describes;
 * deploy/store.crd.yaml is generated from it (a test keeps the two equal).
 * Validation happens at the API server, so a bad Store never reaches the operator. Unknown
 * fields are pruned by the API server (and refused by `kubectl --validate=strict`).
 */
export const STORE_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${STORE_PLURAL}.${STORE_GROUP}` },
  spec: {
    group: STORE_GROUP,
    scope: 'Namespaced',
    names: { plural: STORE_PLURAL, singular: 'store', kind: STORE_KIND, listKind: `${STORE_KIND}List`, shortNames: ['st'] },
    versions: [
      {
        name: STORE_VERSION,
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: 'Slug', type: 'string', jsonPath: '.spec.slug' },
          { name: 'Plan', type: 'string', jsonPath: '.spec.plan' },
          { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
          { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
          { name: 'Suspended', type: 'boolean', jsonPath: '.spec.suspended', priority: 1 },
          { name: 'Schema', type: 'integer', jsonPath: '.status.schemaVersion', priority: 1 },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            required: ['spec'],
            properties: {
              spec: {
                type: 'object',
                required: ['tenantId', 'slug', 'plan'],
                properties: {
                  tenantId: {
                    type: 'string',
                    pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
                    'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'tenantId is immutable' }],
                  },
                  slug: {
                    type: 'string',
                    minLength: 3,
                    maxLength: 63,
                    pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$',
                    'x-kubernetes-validations': [
                      { rule: 'self == oldSelf', message: 'slug is immutable' },
                      { rule: "!self.startsWith('xn--')", message: 'slug must not be a punycode label' },
                      { rule: `!(self in [${[...RESERVED_SLUGS].map((s) => `'${s}'`).join(', ')}])`, message: 'slug is reserved' },
                    ],
                  },
                  displayName: { type: 'string', maxLength: 200 },
                  domains: {
                    type: 'array',
                    maxItems: 20,
                    'x-kubernetes-list-type': 'set',
                    items: { type: 'string', maxLength: 253, pattern: HOSTNAME },
                  },
                  plan: { type: 'string', enum: [...STORE_PLANS] },
                  suspended: { type: 'boolean', default: false },
                  reclaimPolicy: { type: 'string', enum: [...RECLAIM_POLICIES], default: 'Retain' },
                  storefront: {
                    type: 'object',
                        properties: {
                      image: { type: 'string', minLength: 1, maxLength: 512 },
                      replicas: { type: 'integer', minimum: 1, maximum: 50 },
                      resources: {
                        type: 'object',
                                properties: { requests: resourceList, limits: resourceList },
                      },
                    },
                  },
                },
              },
              status: {
                type: 'object',
                properties: {
                  phase: { type: 'string', enum: [...STORE_PHASES] },
                  observedGeneration: { type: 'integer', format: 'int64' },
                  conditions: {
                    type: 'array',
                    'x-kubernetes-list-type': 'map',
                    'x-kubernetes-list-map-keys': ['type'],
                    items: condition,
                  },
                  schemaVersion: { type: 'integer' },
                  placement: {
                    type: 'object',
                    properties: {
                      databaseCluster: { type: 'string' },
                      shards: { type: 'object', additionalProperties: { type: 'integer' } },
                    },
                  },
                  hosts: { type: 'array', items: { type: 'string' } },
                  url: { type: 'string' },
                },
              },
            },
          },
        },
      },
    ],
  },
} as const;
