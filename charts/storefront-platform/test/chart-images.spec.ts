import { load } from 'js-yaml';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_DIR } from './chart-test-env';

const WORKSPACE_ROOT = join(CHART_DIR, '..', '..');

/** Where each image the chart runs is built from. search and notifications are being built now. */
const IMAGE_SOURCES: Record<string, string> = {
  'platform-api': 'apps/platform-api',
  'tenant-operator': 'operators/tenant-operator',
  storefront: 'apps/storefront',
  checkout: 'apps/checkout',
  search: 'apps/search',
  notifications: 'apps/notifications',
  'platform-cli': 'apps/platform-cli',
  // Not a Node service: Debian's pgbouncer package (docs/adr/0056-pgbouncer-transaction-pooling.md).
  pgbouncer: 'charts/storefront-platform/images/pgbouncer',
};
const NOT_NODE = new Set(['pgbouncer']);

interface ImageValues {
  image?: { repository: string };
}

describe('container images of the chart', () => {
  const values = load(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as Record<string, ImageValues>;
  const repositories = Object.values(values).flatMap((v) => (v && typeof v === 'object' && v.image?.repository ? [v.image.repository] : []));
  // A project that exists must ship its image; one still being written is not required yet.
  const built = repositories.filter((repository) => !NOT_NODE.has(repository) && existsSync(join(WORKSPACE_ROOT, IMAGE_SOURCES[repository] ?? `missing/${repository}`)));

  it('knows the source of every image the chart references', () => {
    expect(repositories.sort()).toEqual(Object.keys(IMAGE_SOURCES).sort());
  });

  it.each(built)('builds %s from a multi-stage Node 24 Dockerfile that runs as a non-root user, with an Nx target', (repository) => {
    const root = IMAGE_SOURCES[repository]!;
    const dockerfile = readFileSync(join(WORKSPACE_ROOT, root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24[-.\w]*$/m);
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    const entrypoint = /^ENTRYPOINT \[.*"([^"]+\.ts)"\]$/m.exec(dockerfile)?.[1];
    expect(entrypoint && existsSync(join(WORKSPACE_ROOT, entrypoint))).toBe(true);

    const project = JSON.parse(readFileSync(join(WORKSPACE_ROOT, root, 'project.json'), 'utf8')) as { targets: Record<string, { options: { command: string } }> };
    expect(project.targets['docker-build']?.options.command).toContain(`-f ${root}/Dockerfile -t \${IMAGE_REGISTRY:-ghcr.io/storefront-platform}/${repository}:`);
  });

  it('builds pgbouncer from Debian\'s package (the one the isolation tests run) as a non-root user, with an Nx target', () => {
    const root = IMAGE_SOURCES.pgbouncer!;
    const dockerfile = readFileSync(join(WORKSPACE_ROOT, root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG DEBIAN_IMAGE=debian:bookworm-slim$/m);
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends pgbouncer /);
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/sbin\/pgbouncer"\]$/m);

    const chart = JSON.parse(readFileSync(join(CHART_DIR, 'project.json'), 'utf8')) as { targets: Record<string, { options: { command: string } }> };
    expect(chart.targets['docker-build-pgbouncer']?.options.command).toContain(`-f ${root}/Dockerfile -t \${IMAGE_REGISTRY:-ghcr.io/storefront-platform}/pgbouncer:`);
  });
});
