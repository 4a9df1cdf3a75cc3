import { SERVICE_IMAGES } from '@storefront/container-images';
import { load } from 'js-yaml';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_DIR } from './chart-test-env';

const WORKSPACE_ROOT = join(CHART_DIR, '..', '..');

/** Where each image the chart runs is built from: the Node services' projects (one shared Dockerfile), and PgBouncer. */
const IMAGE_SOURCES: Record<string, string> = {
  ...SERVICE_IMAGES,
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

  describe('the shared Dockerfile of the Node services (docs/adr/0409-images-built-with-buildah.md)', () => {
    const dockerfile = readFileSync(join(WORKSPACE_ROOT, 'Dockerfile'), 'utf8');

    it('is multi-stage: production dependencies only, then Node 24 (the Debian base, or the official image with Docker) running compiled JavaScript as uid 1000', () => {
      expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24[-.\w]*$/m);
      expect(dockerfile.match(/^FROM /gm)).toEqual(['FROM ', 'FROM ']);
      expect(dockerfile).toMatch(/npm install --omit=dev .*--ignore-scripts/);
      expect(dockerfile).toMatch(/^COPY dist \.\/dist$/m);
      expect(dockerfile).not.toMatch(/swc-node|\.ts\b/);
      expect(dockerfile).toMatch(/^USER 1000:1000$/m);
      expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "main\.js"\]$/m);
      // main.js links the project's compiled entry (dist/<project root>/src/main.js).
      expect(dockerfile).toMatch(/ln -s "dist\/\$\{PROJECT_ROOT\}\/src\/main\.js" main\.js/);
    });

    it('replaces the per-project Dockerfiles', () => {
      expect(Object.values(SERVICE_IMAGES).filter((root) => existsSync(join(WORKSPACE_ROOT, root, 'Dockerfile')))).toEqual([]);
    });
  });

  it.each(built)('builds %s from the shared Dockerfile with its project root, with an Nx target', (repository) => {
    const root = IMAGE_SOURCES[repository]!;
    // The source of the compiled entry the image runs.
    expect(existsSync(join(WORKSPACE_ROOT, root, 'src', 'main.ts'))).toBe(true);
    const project = JSON.parse(readFileSync(join(WORKSPACE_ROOT, root, 'project.json'), 'utf8')) as { targets: Record<string, { options: { command: string } }> };
    expect(project.targets['docker-build']?.options.command).toContain(`docker build -f Dockerfile --build-arg PROJECT_ROOT=${root} -t \${IMAGE_REGISTRY:-ghcr.io/storefront-platform}/${repository}:`);
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
