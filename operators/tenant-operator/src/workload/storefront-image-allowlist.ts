/** An image reference taken apart the way the container runtime reads it (Docker Hub names normalised). */
export interface ImageReference {
  /** Registry host and path, e.g. `ghcr.io/storefront-platform/storefront`, `docker.io/library/nginx`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST = /^(?:localhost|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)(?::\d+)?$/;

/** `repo[:tag][@digest]`, or undefined when it is not a valid reference. */
export function parseImageReference(image: string): ImageReference | undefined {
  const [name, digest, ...rest] = image.split('@');
  if (!name || rest.length > 0 || (digest !== undefined && !DIGEST.test(digest))) return undefined;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) return undefined;
  const components = (tag === undefined ? name : name.slice(0, colon)).split('/');
  // The first component is a registry host when it looks like one (a dot, a port, or localhost).
  const host = components.length > 1 && /[.:]|^localhost$/.test(components[0]!) ? components.shift()! : undefined;
  if ((host !== undefined && !HOST.test(host)) || components.length === 0 || !components.every((c) => PATH_COMPONENT.test(c))) return undefined;
  const path = host === undefined && components.length === 1 ? ['library', ...components] : components;
  return { repository: [host ?? 'docker.io', ...path].join('/'), ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/**
 * Which storefront images a Store may ask for: the storefront Pod receives the store's Secret,
 * so whoever picks its image holds that tenant's database role and shopper token key.
 *
 * An entry is matched on the parsed reference, never as a string prefix:
 * - `repo` (no tag, no digest): any tag or digest of exactly that repository;
 * - `repo:tag`: that tag, and only without a digest (the runtime pulls `repo:tag@d` by `d`);
 * - `repo@digest` or `repo:tag@digest`: that digest, whatever tag the Store names.
 */
export class StorefrontImageAllowlist {
  private readonly entries: readonly ImageReference[];

  /** `defaultImage` (the operator's own storefront image) is always allowed. */
  constructor(
    entries: readonly string[],
    readonly defaultImage: string,
  ) {
    this.entries = [...entries, defaultImage].map((entry) => {
      const parsed = parseImageReference(entry);
      if (!parsed) throw new Error(`not an image reference: "${entry}"`);
      return parsed;
    });
  }

  allows(image: string): boolean {
    const wanted = parseImageReference(image);
    if (!wanted) return false;
    return this.entries.some((entry) => {
      if (entry.repository !== wanted.repository) return false;
      if (entry.digest) return wanted.digest === entry.digest;
      if (entry.tag) return wanted.digest === undefined && (wanted.tag ?? 'latest') === entry.tag;
      return true;
    });
  }
}
