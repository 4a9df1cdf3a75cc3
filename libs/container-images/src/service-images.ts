import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BaseImages } from './base-image';
import { Buildah } from './buildah';

export const WORKSPACE_ROOT = join(__dirname, '../../..');
/** The one Dockerfile of every Node service; build context is the workspace root. */
export const SERVICE_DOCKERFILE = join(WORKSPACE_ROOT, 'Dockerfile');

/** Each image the chart runs, by repository, and the project it runs (its `dist/<root>/src/main.js`). */
export const SERVICE_IMAGES: Readonly<Record<string, string>> = {
  'platform-api': 'apps/platform-api',
  'tenant-operator': 'operators/tenant-operator',
  storefront: 'apps/storefront',
  checkout: 'apps/checkout',
  search: 'apps/search',
  notifications: 'apps/notifications',
  'platform-cli': 'apps/platform-cli',
};

export function serviceEntry(projectRoot: string): string {
  return `dist/${projectRoot}/src/main.js`;
}

export interface ServiceImageOptions {
  readonly base: BaseImages;
  /** e.g. `ghcr.io/storefront-platform/search:0.1.0`. */
  readonly tag: string;
  readonly log?: (line: string) => void;
  readonly buildah?: Buildah;
}

/** `buildah bud` of the shared Dockerfile on the Debian base, with buildah's layer cache. */
function budArgs(base: BaseImages, projectRoot: string): string[] {
  return [
    'bud',
    '--isolation', 'chroot',
    '--layers',
    '--pull=never',
    // npm install in the dependency stage reaches the registry through the host's network.
    '--network', 'host',
    '--file', SERVICE_DOCKERFILE,
    '--build-arg', `NODE_IMAGE=${base.runtime}`,
    '--build-arg', `NPM_IMAGE=${base.build}`,
    '--build-arg', `PROJECT_ROOT=${projectRoot}`,
    // The CAs this machine's own npm trusts (an egress proxy's), for the dependency stage only.
    ...(process.env.NODE_EXTRA_CA_CERTS ? ['--secret', `id=npm-ca-certificates,src=${process.env.NODE_EXTRA_CA_CERTS}`] : []),
  ];
}

/** Builds one service's image from `dist/` (the workspace's `npm run build`) and the lockfile. */
export async function buildServiceImage(repository: string, options: ServiceImageOptions): Promise<void> {
  const projectRoot = SERVICE_IMAGES[repository];
  if (!projectRoot) throw new Error(`unknown image ${repository}; known: ${Object.keys(SERVICE_IMAGES).join(', ')}`);
  const entry = serviceEntry(projectRoot);
  if (!existsSync(join(WORKSPACE_ROOT, entry))) throw new Error(`${entry} is missing: run npm run build first (the image runs compiled JavaScript)`);
  const buildah = options.buildah ?? new Buildah();
  await buildah.stream([...budArgs(options.base, projectRoot), '--tag', options.tag, WORKSPACE_ROOT], options.log ?? (() => undefined), 20 * 60_000);
}

/**
 * Builds (or finds in buildah's layer cache) the dependency stage alone: production
 * node_modules from package.json and the lockfile. The slow, network-bound part of an image
 * build, which depends on no compiled code, so the test setup can make it ready first.
 */
export async function ensureDependencyLayer(base: BaseImages, log: (line: string) => void = () => undefined, buildah = new Buildah()): Promise<void> {
  await buildah.stream([...budArgs(base, SERVICE_IMAGES.storefront!), '--target', 'dependencies', WORKSPACE_ROOT], log, 20 * 60_000);
}
