import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ConfigError, loadConfig } from '@storefront/config';
import { startS3TestServer, type S3TestServer } from '../testing';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { z } from 'zod';
import { FilesystemObjectStorage } from './filesystem-object-storage';
import { InvalidObjectKeyError, ObjectNotFoundError, tenantObjectKey, tenantObjectPrefix, type ObjectStorage } from './object-storage';
import { checkObjectStorageConfig, createObjectStorage, objectStorageConfigShape } from './object-storage-config';

const MiB = 1024 * 1024;

/** `size` bytes that differ chunk by chunk, produced as they are read (never one buffer). */
function generatedStream(size: number, chunkSize = 64 * 1024): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let offset = 0; offset < size; offset += chunkSize) {
      const chunk = Buffer.alloc(Math.min(chunkSize, size - offset), offset % 251);
      chunk.writeUInt32BE(offset, 0);
      hash.update(chunk);
      yield chunk;
    }
  }
  return { stream: Readable.from(chunks()), sha256: () => hash.digest('hex') };
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

async function keysUnder(storage: ObjectStorage, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage.list(prefix)) keys.push(object.key);
  return keys;
}

let server: S3TestServer;
const directories: string[] = [];

beforeAll(async () => {
  server = await startS3TestServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

const drivers: Array<[string, () => ObjectStorage]> = [
  ['s3 (SeaweedFS)', () => server.storage()],
  [
    'filesystem',
    () => {
      const directory = mkdtempSync(join(tmpdir(), 'objects-'));
      directories.push(directory);
      return new FilesystemObjectStorage(directory);
    },
  ],
];

describe.each(drivers)('object storage, %s driver', (_name, makeStorage) => {
  let storage: ObjectStorage;
  let tenant: string;
  beforeAll(() => (storage = makeStorage()));
  beforeEach(() => (tenant = randomUUID()));

  it('stores an object with its content type, reads it back, lists it and deletes it', async () => {
    const key = tenantObjectKey(tenant, 'media', 'note.txt');
    const stored = await storage.put(key, 'hello, object storage', { contentType: 'text/plain' });
    expect(stored).toMatchObject({ key, size: 21 });
    expect(await storage.head(key)).toMatchObject({ key, size: 21, contentType: 'text/plain' });
    expect(await storage.exists(key)).toBe(true);
    const object = await storage.get(key);
    expect(object.contentType).toBe('text/plain');
    expect(await text(object.body)).toBe('hello, object storage');
    expect(await keysUnder(storage, tenantObjectPrefix(tenant))).toEqual([key]);

    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    expect(await keysUnder(storage, tenantObjectPrefix(tenant))).toEqual([]);
  });

  it('streams a 12 MiB body in and out without changing a byte', async () => {
    const key = tenantObjectKey(tenant, 'exports', 'big.bin');
    const source = generatedStream(12 * MiB);
    const stored = await storage.put(key, source.stream, { contentType: 'application/octet-stream' });
    expect(stored.size).toBe(12 * MiB);
    expect(await sha256Of((await storage.get(key)).body)).toEqual({ sha256: source.sha256(), size: 12 * MiB });
    expect((await storage.head(key))?.size).toBe(12 * MiB);
  });

  it("deletes everything under a tenant's prefix and nothing of a tenant whose id starts the same", async () => {
    const other = `${tenant}2`;
    await storage.put(tenantObjectKey(tenant, 'exports', 'a.ndjson.gz'), 'a', { contentType: 'application/gzip' });
    await storage.put(tenantObjectKey(tenant, 'media', 'b.jpg'), 'b', { contentType: 'image/jpeg' });
    await storage.put(tenantObjectKey(other, 'media', 'c.jpg'), 'c', { contentType: 'image/jpeg' });

    expect(await storage.deleteByPrefix(tenantObjectPrefix(tenant))).toBe(2);
    expect(await keysUnder(storage, tenantObjectPrefix(tenant))).toEqual([]);
    expect(await keysUnder(storage, tenantObjectPrefix(other))).toEqual([tenantObjectKey(other, 'media', 'c.jpg')]);
    expect(await storage.deleteByPrefix(tenantObjectPrefix(tenant))).toBe(0);
    // Without the trailing slash `tenants/<id>` would also match `tenants/<id>2/`.
    await expect(storage.deleteByPrefix(`tenants/${tenant}`)).rejects.toThrow(InvalidObjectKeyError);
  });

  it('answers a missing object with ObjectNotFoundError on get, null on head, and deletes it quietly', async () => {
    const key = tenantObjectKey(tenant, 'exports', 'missing.ndjson.gz');
    const error = await storage.get(key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectNotFoundError);
    expect((error as ObjectNotFoundError).key).toBe(key);
    expect(await storage.head(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('refuses keys that could leave their place: parent segments, absolute paths, empty segments', async () => {
    for (const key of ['../outside', `tenants/${tenant}/../../etc/passwd`, '/etc/passwd', `tenants/${tenant}//x`, `tenants/${tenant}/a\\b`]) {
      await expect(storage.put(key, 'x', { contentType: 'text/plain' })).rejects.toThrow(InvalidObjectKeyError);
      await expect(storage.get(key)).rejects.toThrow(InvalidObjectKeyError);
    }
  });

  it('stores nothing when the body fails half-way', async () => {
    const key = tenantObjectKey(tenant, 'exports', 'broken.ndjson.gz');
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.alloc(64 * 1024, 1);
      throw new Error('the database went away');
    }
    await expect(storage.put(key, Readable.from(failing()), { contentType: 'application/gzip' })).rejects.toThrow('the database went away');
    expect(await storage.exists(key)).toBe(false);
  });
});

describe('S3 driver specifics', () => {
  it('uploads a stream larger than a part as a multipart upload', async () => {
    const key = tenantObjectKey(randomUUID(), 'exports', 'parts.bin');
    await server.storage().put(key, generatedStream(11 * MiB).stream, { contentType: 'application/octet-stream' });
    const client = new S3Client({ endpoint: server.endpoint, region: server.region, forcePathStyle: true, credentials: server.credentials });
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: server.bucket, Key: key }));
      // A multipart object's ETag ends in -<number of parts>: 5 + 5 + 1 MiB.
      expect(head.ETag).toMatch(/-3"$/);
    } finally {
      client.destroy();
    }
  });

  it('refuses wrong credentials instead of answering not found', async () => {
    const storage = server.storage({ credentials: { accessKeyId: server.credentials.accessKeyId, secretAccessKey: 'not-the-secret' } });
    await expect(storage.get(tenantObjectKey(randomUUID(), 'exports', 'x'))).rejects.not.toThrow(ObjectNotFoundError);
  });

  it('reports a missing bucket as an error on head and exists, never as "no such object"', async () => {
    const storage = server.storage({ bucket: 'no-such-bucket' });
    const key = tenantObjectKey(randomUUID(), 'exports', 'x');
    await expect(storage.head(key)).rejects.toThrow();
    await expect(storage.exists(key)).rejects.toThrow();
    await expect(storage.get(key)).rejects.not.toThrow(ObjectNotFoundError);
  });
});

describe('object storage configuration', () => {
  const schema = z.object(objectStorageConfigShape).superRefine(checkObjectStorageConfig);
  const problems = (env: Record<string, string>): string[] => {
    try {
      loadConfig(schema, env);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
      throw error;
    }
  };

  it('defaults to the filesystem driver under .data/objects', () => {
    expect(loadConfig(schema, {})).toMatchObject({ PLATFORM_OBJECT_STORAGE_DRIVER: 'filesystem', PLATFORM_OBJECT_STORAGE_DIRECTORY: '.data/objects' });
    expect(createObjectStorage(loadConfig(schema, {}))).toBeInstanceOf(FilesystemObjectStorage);
  });

  it('names every missing or malformed S3 setting at once', () => {
    expect(problems({ PLATFORM_OBJECT_STORAGE_DRIVER: 's3', PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID: 'AKIA' })).toEqual([
      'PLATFORM_OBJECT_STORAGE_BUCKET: is required with PLATFORM_OBJECT_STORAGE_DRIVER=s3',
      'PLATFORM_OBJECT_STORAGE_REGION: is required with PLATFORM_OBJECT_STORAGE_DRIVER=s3',
      'PLATFORM_OBJECT_STORAGE_SECRET_ACCESS_KEY: is required with the other PLATFORM_OBJECT_STORAGE_ key variable',
    ]);
    expect(problems({ PLATFORM_OBJECT_STORAGE_DRIVER: 'minio' })).toEqual(['PLATFORM_OBJECT_STORAGE_DRIVER: must be filesystem or s3']);
    expect(problems({ PLATFORM_OBJECT_STORAGE_DRIVER: 's3', PLATFORM_OBJECT_STORAGE_REGION: 'eu', PLATFORM_OBJECT_STORAGE_BUCKET: 'Exports_Bucket' })).toEqual([
      'PLATFORM_OBJECT_STORAGE_BUCKET: must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)',
    ]);
    expect(problems({ PLATFORM_OBJECT_STORAGE_ENDPOINT: 'localhost:9000' })).toEqual([
      'PLATFORM_OBJECT_STORAGE_ENDPOINT: must be a URL such as https://s3.eu-central-1.amazonaws.com',
    ]);
  });

  it('builds an S3 driver from the PLATFORM_OBJECT_STORAGE_* variables that reaches the server', async () => {
    const storage = createObjectStorage(loadConfig(schema, { ...server.env }));
    const key = tenantObjectKey(randomUUID(), 'exports', 'configured.txt');
    await storage.put(key, 'configured', { contentType: 'text/plain' });
    expect(storage.locationOf(key)).toBe(`s3://${server.bucket}/${key}`);
    expect(await text((await storage.get(key)).body)).toBe('configured');
  });
});
