import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { pipeline, Readable, Transform } from 'node:stream';
import {
  assertObjectKey,
  assertObjectPrefix,
  ObjectNotFoundError,
  type ObjectInfo,
  type ObjectStorage,
  type PutObjectOptions,
  type StoredObject,
} from './object-storage';

export interface S3ObjectStorageOptions {
  /** An S3-compatible endpoint (`https://s3.example.com`); unset: AWS's endpoint for the region. */
  readonly endpoint?: string;
  readonly region: string;
  readonly bucket: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (most S3-compatible servers). */
  readonly forcePathStyle?: boolean;
  /** Unset: the SDK's default chain (environment, web identity token in a Pod, instance role). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Bytes per multipart part (S3's minimum is 5 MiB); a stream is never held whole. */
  readonly partSizeBytes?: number;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;

/** Objects in one bucket of S3 or an S3-compatible server; streams go up as multipart uploads, a part at a time. */
export class S3ObjectStorage implements ObjectStorage {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;

  constructor(options: S3ObjectStorageOptions) {
    this.bucket = options.bucket;
    this.partSize = Math.max(MIN_PART_SIZE, options.partSizeBytes ?? MIN_PART_SIZE);
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // The SDK's default CRC checksums on every request are not understood by every S3-compatible server.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable | Buffer | string, options: PutObjectOptions): Promise<ObjectInfo> {
    assertObjectKey(key);
    let size = 0;
    let source: Readable | Buffer | string = body;
    if (body instanceof Readable) {
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          callback(null, chunk);
        },
      });
      // pipeline, not pipe: a failing source must fail the upload, not leave it waiting for more bytes.
      source = pipeline(body, counter, () => undefined);
    } else {
      size = Buffer.byteLength(body);
    }
    const upload = new Upload({
      client: this.client,
      // One part in flight: memory stays near one part per upload whatever the object's size.
      queueSize: 1,
      partSize: this.partSize,
      leavePartsOnError: false,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: source,
        ContentType: options.contentType,
        ...(options.contentEncoding ? { ContentEncoding: options.contentEncoding } : {}),
      },
    });
    await upload.done();
    return { key, size, lastModified: new Date(), contentType: options.contentType, ...(options.contentEncoding ? { contentEncoding: options.contentEncoding } : {}) };
  }

  async get(key: string): Promise<StoredObject> {
    assertObjectKey(key);
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { ...infoOf(key, response), body: response.Body as Readable };
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertObjectKey(key);
    try {
      return infoOf(key, await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })));
    } catch (error) {
      // A HEAD answer has no body, so a missing bucket is a bare 404 too: ask the bucket, whose
      // absence is a misconfiguration to report, never "no such object".
      if (isNotFound(error) && (await this.bucketExists())) return null;
      throw error;
    }
  }

  private async bucketExists(): Promise<boolean> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return true;
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return false;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    assertObjectPrefix(prefix);
    let count = 0;
    // A listing page holds at most 1000 keys, as many as one DeleteObjects takes.
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: prefix })) {
      const keys = (page.Contents ?? []).map((object) => ({ Key: object.Key! }));
      if (keys.length === 0) continue;
      const result = await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }));
      if (result.Errors?.length) {
        const [first] = result.Errors;
        throw new Error(`could not delete ${result.Errors.length} objects under ${prefix}, e.g. ${first!.Key}: ${first!.Code} ${first!.Message}`);
      }
      count += keys.length;
    }
    return count;
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    assertObjectPrefix(prefix);
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) {
        yield { key: object.Key!, size: object.Size ?? 0, lastModified: object.LastModified ?? new Date(0) };
      }
    }
  }

  locationOf(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }

  /** Closes the client's connections. */
  close(): void {
    this.client.destroy();
  }
}

/** What GET and HEAD answers say about the object. */
function infoOf(
  key: string,
  response: { ContentLength?: number | undefined; LastModified?: Date | undefined; ContentType?: string | undefined; ContentEncoding?: string | undefined },
): ObjectInfo {
  return {
    key,
    size: response.ContentLength ?? 0,
    lastModified: response.LastModified ?? new Date(0),
    ...(response.ContentType ? { contentType: response.ContentType } : {}),
    ...(response.ContentEncoding ? { contentEncoding: response.ContentEncoding } : {}),
  };
}

/** A missing key; a missing bucket is a configuration error and stays one. */
function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && error.name !== 'NoSuchBucket' && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);
}
