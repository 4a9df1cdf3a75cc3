/**
 * npm run images [-- <repository>...]: the Debian base images (when their inputs changed), then
 * every service image (or the ones named) with buildah, and a table of their sizes.
 * npm run images -- --base-only builds the base images alone. IMAGE_REGISTRY and IMAGE_TAG as
 * in the docker-build targets.
 */
import { ensureBaseImages } from './base-image';
import { Buildah } from './buildah';
import { buildServiceImage, SERVICE_IMAGES } from './service-images';

async function main(args: string[]): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`[images] ${line}\n`);
  const buildah = new Buildah();
  const base = await ensureBaseImages(log, buildah);
  const sizes: [string, string][] = [[base.runtime, await buildah.imageSize(base.runtime)], [base.build, await buildah.imageSize(base.build)]];
  const registry = process.env.IMAGE_REGISTRY ?? 'ghcr.io/storefront-platform';
  const tag = process.env.IMAGE_TAG ?? '0.1.0';
  const named = args.filter((arg) => !arg.startsWith('--'));
  const repositories = args.includes('--base-only') ? [] : named.length > 0 ? named : Object.keys(SERVICE_IMAGES);
  for (const [index, repository] of repositories.entries()) {
    const reference = `${registry}/${repository}:${tag}`;
    const started = Date.now();
    log(`(${index + 1}/${repositories.length}) ${reference}...`);
    await buildServiceImage(repository, { base, tag: reference, buildah, log: (line) => log(`  ${line}`) });
    log(`(${index + 1}/${repositories.length}) ${reference}: built in ${Math.round((Date.now() - started) / 1000)} s`);
    sizes.push([reference, await buildah.imageSize(reference)]);
  }
  for (const [reference, size] of sizes) process.stdout.write(`${size.padStart(8)}  ${reference}\n`);
  process.stdout.write(`image store: buildah ${buildah.storageFlags.join(' ')} (e.g. push <image> docker://...)\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`[images] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
