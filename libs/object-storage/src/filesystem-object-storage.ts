import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertObjectKey,
  assertObjectPrefix,
  ObjectNotFoundError,
  type ObjectInfo,
  type ObjectStorage,
  type PutObjectOptions,
  type StoredObject,
} from './object-storage';

interface ObjectMetadata {
  readonly contentType: string;
  readonly contentEncoding?: string;
}

/**
 * Objects as files under one directory, for `npm start` (`.data/objects`) and single-machine
 * installs: `objects/<key>` holds the bytes, `metadata/<key>.json` the content type. A write goes
 * to `incoming/` first and is renamed into place, so a reader never sees half an object. A key
 * cannot be both an object and the prefix of another (`a` and `a/b`), unlike in S3.
 */
export class FilesystemObjectStorage implements ObjectStorage {
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  async put(key: string, body: Readable | Buffer | string, options: PutObjectOptions): Promise<ObjectInfo> {
    assertObjectKey(key);
    const incoming = join(this.root, 'incoming');
    await mkdir(incoming, { recursive: true });
    const partial = join(incoming, randomUUID());
    try {
      await pipeline(typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(partial, { flags: 'wx' }));
      const metadata: ObjectMetadata = { contentType: options.contentType, ...(options.contentEncoding ? { contentEncoding: options.contentEncoding } : {}) };
      await writeFile(`${partial}.json`, JSON.stringify(metadata), { flag: 'wx' });
      await mkdir(dirname(this.dataPath(key)), { recursive: true });
      await mkdir(dirname(this.metadataPath(key)), { recursive: true });
      await rename(`${partial}.json`, this.metadataPath(key));
      await rename(partial, this.dataPath(key));
    } finally {
      await rm(partial, { force: true });
      await rm(`${partial}.json`, { force: true });
    }
    return (await this.head(key))!;
  }

  async get(key: string): Promise<StoredObject> {
    const info = await this.head(key);
    if (!info) throw new ObjectNotFoundError(key);
    return { ...info, body: createReadStream(this.dataPath(key)) };
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertObjectKey(key);
    const stats = await stat(this.dataPath(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw error;
    });
    if (!stats?.isFile()) return null;
    const metadata = JSON.parse(await readFile(this.metadataPath(key), 'utf8')) as ObjectMetadata;
    return { key, size: stats.size, lastModified: stats.mtime, ...metadata };
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    await rm(this.dataPath(key), { force: true });
    await rm(this.metadataPath(key), { force: true });
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    assertObjectPrefix(prefix);
    let count = 0;
    for await (const _ of this.list(prefix)) count++;
    await rm(join(this.root, 'objects', prefix), { recursive: true, force: true });
    await rm(join(this.root, 'metadata', prefix), { recursive: true, force: true });
    return count;
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    assertObjectPrefix(prefix);
    const directory = join(this.root, 'objects', prefix.slice(0, -1));
    const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
      throw error;
    });
    const keys = entries
      .filter((entry) => entry.isFile())
      .map((entry) => `${prefix}${relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/')}`)
      .sort();
    for (const key of keys) {
      const info = await this.head(key);
      if (info) yield info;
    }
  }

  locationOf(key: string): string {
    return this.dataPath(key);
  }

  private dataPath(key: string): string {
    return join(this.root, 'objects', key);
  }

  private metadataPath(key: string): string {
    return join(this.root, 'metadata', `${key}.json`);
  }
}
