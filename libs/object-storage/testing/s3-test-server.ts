/**
 * A real S3-compatible server for tests: SeaweedFS (`weed mini`: master, volume, filer and S3
 * gateway in one process), built from its Go module by the test prerequisites and started here on
 * free loopback ports with its own data folder, credentials and bucket (docs/adr/0059).
 */
import { ensureGoBinary, findFreePortRange, SEAWEEDFS } from '@storefront/dev-services';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3ObjectStorage, type S3ObjectStorageOptions } from '../src/s3-object-storage';

export interface S3TestServer {
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The PLATFORM_OBJECT_STORAGE_* variables that point a process at this server. */
  readonly env: Readonly<Record<string, string>>;
  /** A driver on the server's bucket (closed by stop). */
  storage(options?: Partial<S3ObjectStorageOptions>): S3ObjectStorage;
  stop(): Promise<void>;
}

const STARTUP_MS = 45_000;

export async function startS3TestServer(): Promise<S3TestServer> {
  // Built before the first suite by the test prerequisites; this only finds it in the cache.
  const binary = await ensureGoBinary(SEAWEEDFS);
  const dataDir = mkdtempSync(join(tmpdir(), 'seaweedfs-'));
  const credentials = { accessKeyId: `test${randomBytes(6).toString('hex')}`, secretAccessKey: randomBytes(20).toString('hex') };
  const bucket = 'storefront-test';
  const region = 'us-east-1';
  const s3Config = join(dataDir, 's3.json');
  writeFileSync(
    s3Config,
    JSON.stringify({
      identities: [
        { name: 'storefront-test', credentials: [{ accessKey: credentials.accessKeyId, secretKey: credentials.secretAccessKey }], actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'] },
      ],
    }),
  );
  // Every port explicit: the gRPC defaults (HTTP port + 10000) would land in the ephemeral range.
  const base = await findFreePortRange(8);
  const [master, masterGrpc, volume, volumeGrpc, filer, filerGrpc, s3, s3Grpc] = Array.from({ length: 8 }, (_, i) => String(base + i));
  const child = spawn(
    binary,
    [
      'mini',
      `-dir=${join(dataDir, 'data')}`,
      '-ip=127.0.0.1',
      '-ip.bind=127.0.0.1',
      `-master.port=${master}`,
      `-master.port.grpc=${masterGrpc}`,
      '-master.telemetry=false',
      '-master.volumeSizeLimitMB=64',
      `-volume.port=${volume}`,
      `-volume.port.grpc=${volumeGrpc}`,
      `-filer.port=${filer}`,
      `-filer.port.grpc=${filerGrpc}`,
      `-s3.port=${s3}`,
      `-s3.port.grpc=${s3Grpc}`,
      '-s3.port.iceberg=0',
      '-s3.port.lance=0',
      `-s3.config=${s3Config}`,
      `-bucket=${bucket}`,
      '-webdav=false',
      '-admin.ui=false',
      // As in production: a missing bucket is an error, not created by the first upload.
      '-s3.autoCreateBucket=false',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], cwd: dataDir },
  );
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${s3}`;
  const drivers: S3ObjectStorage[] = [];
  const storage = (options: Partial<S3ObjectStorageOptions> = {}): S3ObjectStorage => {
    const driver = new S3ObjectStorage({ endpoint, region, bucket, forcePathStyle: true, credentials, ...options });
    drivers.push(driver);
    return driver;
  };
  const stop = async (): Promise<void> => {
    for (const driver of drivers) driver.close();
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  // Ready when the bucket lists: the gateway is up and the startup bucket exists (a HEAD of a
  // key answers 404 before the bucket is there as well).
  const probe = storage();
  for (const deadline = Date.now() + STARTUP_MS; ; ) {
    try {
      for await (const _ of probe.list('readiness-probe/')) break;
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) {
        await stop();
        throw new Error(`SeaweedFS did not start: ${String(error)}\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    endpoint,
    region,
    bucket,
    credentials,
    env: {
      PLATFORM_OBJECT_STORAGE_DRIVER: 's3',
      PLATFORM_OBJECT_STORAGE_ENDPOINT: endpoint,
      PLATFORM_OBJECT_STORAGE_REGION: region,
      PLATFORM_OBJECT_STORAGE_BUCKET: bucket,
      PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID: credentials.accessKeyId,
      PLATFORM_OBJECT_STORAGE_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      PLATFORM_OBJECT_STORAGE_FORCE_PATH_STYLE: 'true',
    },
    storage,
    stop,
  };
}
