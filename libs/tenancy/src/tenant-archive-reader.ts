import { createInterface } from 'node:readline';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { TENANT_ARCHIVE_FORMAT, type TenantArchiveLine } from './tenant-exporter';

export class TenantArchiveFormatError extends Error {}

/**
 * The lines of a stored tenant archive (TenantExporter's gzip'd NDJSON), a line at a time.
 * Throws when the first line is not a version 2 header or the end line is missing (a cut-off upload).
 */
export async function* readTenantArchive(body: Readable): AsyncGenerator<TenantArchiveLine> {
  let first = true;
  let ended = false;
  for await (const text of createInterface({ input: pipeline(body, createGunzip(), () => undefined), crlfDelay: Infinity })) {
    if (text === '') continue;
    const line = JSON.parse(text) as TenantArchiveLine;
    if (first && (!('format' in line) || line.format !== TENANT_ARCHIVE_FORMAT || line.version !== 2)) {
      throw new TenantArchiveFormatError('not a version 2 storefront tenant export');
    }
    first = false;
    ended = 'end' in line;
    yield line;
  }
  if (!ended) throw new TenantArchiveFormatError('the archive ends without its end line (cut off)');
}
