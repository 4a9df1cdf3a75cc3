import { booleanFlag } from '@storefront/config';
import { z } from 'zod';
import { FilesystemObjectStorage } from './filesystem-object-storage';
import type { ObjectStorage } from './object-storage';
import { S3ObjectStorage } from './s3-object-storage';

/** The PLATFORM_OBJECT_STORAGE_* variables, for the config schema of every process that keeps objects. */
export const objectStorageConfigShape = {
  /** `filesystem` (the local default, under PLATFORM_OBJECT_STORAGE_DIRECTORY) or `s3` (S3 or an S3-compatible server). */
  PLATFORM_OBJECT_STORAGE_DRIVER: z.enum(['filesystem', 's3'], { error: 'must be filesystem or s3' }).default('filesystem'),
  PLATFORM_OBJECT_STORAGE_DIRECTORY: z.string().min(1, 'must be a directory').default('.data/objects'),
  PLATFORM_OBJECT_STORAGE_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be a URL such as https://s3.eu-central-1.amazonaws.com' }).optional(),
  PLATFORM_OBJECT_STORAGE_REGION: z.string().min(1).optional(),
  PLATFORM_OBJECT_STORAGE_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)')
    .optional(),
  PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID: z.string().min(1).optional(),
  PLATFORM_OBJECT_STORAGE_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  PLATFORM_OBJECT_STORAGE_FORCE_PATH_STYLE: booleanFlag.default(false),
};

export interface ObjectStorageConfig {
  readonly PLATFORM_OBJECT_STORAGE_DRIVER: 'filesystem' | 's3';
  readonly PLATFORM_OBJECT_STORAGE_DIRECTORY: string;
  readonly PLATFORM_OBJECT_STORAGE_ENDPOINT?: string | undefined;
  readonly PLATFORM_OBJECT_STORAGE_REGION?: string | undefined;
  readonly PLATFORM_OBJECT_STORAGE_BUCKET?: string | undefined;
  readonly PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID?: string | undefined;
  readonly PLATFORM_OBJECT_STORAGE_SECRET_ACCESS_KEY?: string | undefined;
  readonly PLATFORM_OBJECT_STORAGE_FORCE_PATH_STYLE: boolean;
}

/** The cross-field rules, for the schema's superRefine: what `s3` needs, and keys that come in pairs. */
export function checkObjectStorageConfig(config: ObjectStorageConfig, ctx: z.RefinementCtx): void {
  if (config.PLATFORM_OBJECT_STORAGE_DRIVER !== 's3') return;
  for (const variable of ['PLATFORM_OBJECT_STORAGE_BUCKET', 'PLATFORM_OBJECT_STORAGE_REGION'] as const) {
    if (!config[variable]) ctx.addIssue({ code: 'custom', path: [variable], message: 'is required with PLATFORM_OBJECT_STORAGE_DRIVER=s3' });
  }
  // One without the other would silently fall back to the SDK's default credentials.
  if (Boolean(config.PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID) !== Boolean(config.PLATFORM_OBJECT_STORAGE_SECRET_ACCESS_KEY)) {
    const missing = config.PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID ? 'PLATFORM_OBJECT_STORAGE_SECRET_ACCESS_KEY' : 'PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'is required with the other PLATFORM_OBJECT_STORAGE_ key variable' });
  }
}

/** The configured driver (the config already passed checkObjectStorageConfig). */
export function createObjectStorage(config: ObjectStorageConfig): ObjectStorage {
  if (config.PLATFORM_OBJECT_STORAGE_DRIVER === 'filesystem') return new FilesystemObjectStorage(config.PLATFORM_OBJECT_STORAGE_DIRECTORY);
  const accessKeyId = config.PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID;
  const secretAccessKey = config.PLATFORM_OBJECT_STORAGE_SECRET_ACCESS_KEY;
  return new S3ObjectStorage({
    bucket: config.PLATFORM_OBJECT_STORAGE_BUCKET!,
    region: config.PLATFORM_OBJECT_STORAGE_REGION!,
    ...(config.PLATFORM_OBJECT_STORAGE_ENDPOINT ? { endpoint: config.PLATFORM_OBJECT_STORAGE_ENDPOINT } : {}),
    forcePathStyle: config.PLATFORM_OBJECT_STORAGE_FORCE_PATH_STYLE,
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
  });
}
