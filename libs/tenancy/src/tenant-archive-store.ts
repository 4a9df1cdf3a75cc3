import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TenantArchive } from './tenant-exporter';

/** Where tenant exports are kept before a tenant's data is dropped. */
export interface TenantArchiveStore {
  /** Stores the archive and returns where it can be fetched from. */
  put(archive: TenantArchive): Promise<string>;
}

/** Default store: one JSON file per export in a directory (a mounted volume in Kubernetes). */
export class FileTenantArchiveStore implements TenantArchiveStore {
  constructor(private readonly directory: string) {}

  async put(archive: TenantArchive): Promise<string> {
    await mkdir(this.directory, { recursive: true });
    const stamp = archive.exportedAt.replace(/[:.]/g, '-');
    const path = resolve(join(this.directory, `${archive.tenant.id}-${stamp}.json`));
    // wx: never overwrite an earlier export.
    await writeFile(path, JSON.stringify(archive), { flag: 'wx' });
    return path;
  }
}
