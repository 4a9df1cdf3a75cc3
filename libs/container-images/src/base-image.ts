import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installDebianPackages, runCommand, toolCacheRoot } from '@storefront/dev-services';
import { Buildah } from './buildah';

const WORKSPACE_ROOT = join(__dirname, '../../..');
const NODE_PACKAGE = join(WORKSPACE_ROOT, 'node_modules', 'node');

/** The npm CLI put into the build image (the `node` package ships Node.js without npm). */
export const NPM_VERSION = '11.6.2';

/**
 * The root filesystem: Debian's Essential set (no apt, no perl) plus what Node.js links against
 * and the CA bundle, /usr merged by mmdebstrap's hook instead of the usrmerge package (which
 * pulls in perl), documentation and translations left out. Part of the cache key, so editing it
 * rebuilds the image.
 */
const MMDEBSTRAP_ARGS = [
  '--variant=essential',
  '--include=ca-certificates,libstdc++6',
  '--aptopt=APT::Install-Recommends "false"',
  '--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr',
  '--dpkgopt=path-exclude=/usr/share/man/*',
  '--dpkgopt=path-exclude=/usr/share/info/*',
  '--dpkgopt=path-exclude=/usr/share/locale/*',
  '--dpkgopt=path-exclude=/usr/share/doc/*',
  '--dpkgopt=path-include=/usr/share/doc/*/copyright',
  // The official node image's user, so the chart's runAsUser 1000 has a name and a home.
  '--customize-hook=echo "node:x:1000:1000::/home/node:/usr/sbin/nologin" >> "$1/etc/passwd"',
  '--customize-hook=echo "node:x:1000:" >> "$1/etc/group"',
  '--customize-hook=mkdir -p "$1/home/node" && chown 1000:1000 "$1/home/node"',
  '--customize-hook=cp "$STOREFRONT_BASE_NODE" "$1/usr/local/bin/node"',
  '--customize-hook=rm -rf "$1/var/cache/apt" "$1/var/lib/apt/lists" "$1/var/log"/*',
];
const SUITE = 'bookworm';
const PATH_VALUE = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface BaseImages {
  /** Runtime: Debian plus Node.js, nothing else. */
  readonly runtime: string;
  /** The runtime plus npm, for the dependency stage. */
  readonly build: string;
}

/** Node.js of the workspace's `node` devDependency (its platform package holds the binary). */
export function nodeBinary(): { path: string; version: string } {
  const version = (JSON.parse(readFileSync(join(NODE_PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
  const candidates = [join(WORKSPACE_ROOT, 'node_modules', `node-linux-${process.arch}`, 'bin', 'node'), join(NODE_PACKAGE, 'bin', 'node')];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) throw new Error(`no Node.js binary in ${candidates.join(' or ')}: run npm install`);
  return { path, version };
}

/** apt-get installs buildah and mmdebstrap when they are missing (as PgBouncer is installed). */
export async function ensureImageTools(log: (line: string) => void): Promise<void> {
  const missing = ['buildah', 'mmdebstrap'].filter((tool) => !existsSync(`/usr/bin/${tool}`));
  if (missing.length > 0) await installDebianPackages(missing, log);
}

/**
 * The base images, built only when missing for these inputs: the tag carries a hash of the
 * mmdebstrap recipe, the Node.js binary and the npm version, so a changed input makes a new tag
 * and an unchanged one costs two `buildah inspect`s.
 */
export async function ensureBaseImages(log: (line: string) => void = () => undefined, buildah = new Buildah()): Promise<BaseImages> {
  await ensureImageTools(log);
  const node = nodeBinary();
  const key = createHash('sha256')
    .update(JSON.stringify({ suite: SUITE, recipe: MMDEBSTRAP_ARGS, node: await sha256File(node.path), npm: NPM_VERSION }))
    .digest('hex')
    .slice(0, 12);
  const images = {
    runtime: `localhost/storefront-platform/base:node${node.version}-${key}`,
    build: `localhost/storefront-platform/build-base:node${node.version}-npm${NPM_VERSION}-${key}`,
  };
  if ((await buildah.imageExists(images.runtime)) && (await buildah.imageExists(images.build))) return images;

  const work = join(toolCacheRoot(), 'container-images', 'work');
  mkdirSync(work, { recursive: true });
  const dir = mkdtempSync(join(work, 'base-'));
  try {
    const started = Date.now();
    log(`building ${images.runtime} with mmdebstrap (Debian ${SUITE}, first run or changed inputs only)`);
    const rootfs = join(dir, 'rootfs.tar');
    await runCommand('mmdebstrap', ['--mode=auto', '--quiet', ...MMDEBSTRAP_ARGS, SUITE, rootfs], {
      env: { ...process.env, STOREFRONT_BASE_NODE: node.path },
      timeoutMs: 20 * 60_000,
    });
    await commit(buildah, 'scratch', images.runtime, async (container) => {
      await buildah.run(['add', container, rootfs, '/'], 300_000);
    });

    log(`adding npm ${NPM_VERSION} (from the npm registry) for ${images.build}`);
    await runCommand('npm', ['pack', `npm@${NPM_VERSION}`, '--pack-destination', dir, '--silent'], { timeoutMs: 300_000 });
    const npmDir = join(dir, 'npm');
    mkdirSync(npmDir);
    await runCommand('tar', ['-xzf', join(dir, `npm-${NPM_VERSION}.tgz`), '-C', npmDir, '--strip-components=1']);
    writeFileSync(join(dir, 'npm.sh'), '#!/bin/sh\nexec node /usr/local/lib/node_modules/npm/bin/npm-cli.js "$@"\n', { mode: 0o755 });
    await commit(buildah, images.runtime, images.build, async (container) => {
      await buildah.run(['copy', container, npmDir, '/usr/local/lib/node_modules/npm'], 300_000);
      await buildah.run(['copy', '--chmod', '755', container, join(dir, 'npm.sh'), '/usr/local/bin/npm']);
    });
    log(`base images ready in ${Math.round((Date.now() - started) / 1000)} s: ${await buildah.imageSize(images.runtime)} and ${await buildah.imageSize(images.build)}`);
    return images;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function commit(buildah: Buildah, from: string, reference: string, fill: (container: string) => Promise<void>): Promise<void> {
  const container = await buildah.run(['from', '--pull=never', from]);
  try {
    await fill(container);
    await buildah.run(['config', '--env', `PATH=${PATH_VALUE}`, '--cmd', '["node"]', '--label', 'org.opencontainers.image.base.name=debian:bookworm (mmdebstrap)', container]);
    await buildah.run(['commit', '--quiet', container, reference], 300_000);
  } finally {
    await buildah.run(['rm', container]).catch(() => undefined);
  }
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
