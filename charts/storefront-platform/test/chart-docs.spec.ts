import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_DIR } from './chart-test-env';

/** Values documented as a whole (free-form Kubernetes structures) rather than key by key. */
const DOCUMENTED_AS_A_WHOLE = new Set(['resources', 'podSecurityContext', 'containerSecurityContext', 'nodeSelector', 'tolerations', 'affinity', 'annotations', 'imagePullSecrets']);

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || DOCUMENTED_AS_A_WHOLE.has(prefix.at(-1) ?? '')) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
}

describe('chart README', () => {
  it('documents every value of values.yaml', () => {
    const readme = readFileSync(join(CHART_DIR, 'README.md'), 'utf8');
    // The tables name a value by its full path, by its path inside a section (`ingress.host` under
    // platformApi.*), or through a placeholder (`<component>.image.tag`).
    const documented = new Set([...readme.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!.replace(/^<component>\./, '')));
    const values = load(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8'));
    const undocumented = leafPaths(values)
      .filter((path) => !path.some((_, i) => documented.has(path.slice(i).join('.')) || documented.has(`${path.slice(i).join('.')}.*`)))
      .map((path) => path.join('.'));
    expect(undocumented).toEqual([]);
  });
});
