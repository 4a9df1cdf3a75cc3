import type { Readable } from 'node:stream';

/** What a store knows about one object. */
export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  readonly lastModified: Date;
  readonly contentType?: string;
  readonly contentEncoding?: string;
}

export interface PutObjectOptions {
  readonly contentType: string;
  /** e.g. `gzip` for a compressed body whose content type names what is inside. */
  readonly contentEncoding?: string;
}

/** An object read back: its description and its bytes, as a stream the caller must consume or destroy. */
export interface StoredObject extends ObjectInfo {
  readonly body: Readable;
}

/**
 * Where the platform keeps files (tenant exports, product media): an interface with an S3 driver
 * and a filesystem driver, picked by PLATFORM_OBJECT_STORAGE_DRIVER (docs/adr/0059). Keys are
 * `/`-separated and namespaced per tenant (`tenantObjectKey`), so removing a store's objects is
 * one `deleteByPrefix`.
 */
export interface ObjectStorage {
  /** Streams the body in (never whole in memory for a stream) and returns what was stored. */
  put(key: string, body: Readable | Buffer | string, options: PutObjectOptions): Promise<ObjectInfo>;
  /** Throws ObjectNotFoundError when there is no such object. */
  get(key: string): Promise<StoredObject>;
  /** The object's description, or null when there is none. */
  head(key: string): Promise<ObjectInfo | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Removes every object under `prefix` (which ends in `/`); returns how many there were. */
  deleteByPrefix(prefix: string): Promise<number>;
  /** Objects under `prefix`, in key order. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** Where an operator finds the object: `s3://bucket/key` or a file path. */
  locationOf(key: string): string;
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no object at ${key}`);
  }
}

export class InvalidObjectKeyError extends Error {}

const KEY_SEGMENT = /^[A-Za-z0-9._=-]+$/;

/**
 * Keys are relative `/`-separated paths of plain segments: no `.` or `..`, no empty segment, no
 * backslash or control character. The filesystem driver maps them to paths, so this is also what
 * keeps a key from escaping its directory.
 */
export function assertObjectKey(key: string): void {
  const segments = key.split('/');
  if (key.length > 1024 || segments.some((segment) => !KEY_SEGMENT.test(segment) || segment === '.' || segment === '..')) {
    throw new InvalidObjectKeyError(`invalid object key ${JSON.stringify(key)}: use /-separated segments of letters, digits, . _ = -`);
  }
}

/** A prefix for deleteByPrefix and list: a key's leading segments ending in `/`, so `tenants/1/` never matches `tenants/12/`. */
export function assertObjectPrefix(prefix: string): void {
  if (!prefix.endsWith('/')) throw new InvalidObjectKeyError(`invalid object prefix ${JSON.stringify(prefix)}: it must end in /`);
  assertObjectKey(prefix.slice(0, -1));
}

/** Everything of one tenant lives under this prefix. */
export function tenantObjectPrefix(tenantId: string): string {
  const prefix = `tenants/${tenantId}/`;
  assertObjectPrefix(prefix);
  return prefix;
}

/** `tenants/<tenantId>/<area>/<name>`, e.g. `tenants/42/exports/2026-01-01T00-00-00-000Z.ndjson.gz`. */
export function tenantObjectKey(tenantId: string, area: string, name: string): string {
  const key = `${tenantObjectPrefix(tenantId)}${area}/${name}`;
  assertObjectKey(key);
  return key;
}
