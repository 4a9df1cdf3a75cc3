import { createWriteStream, mkdirSync, renameSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface MailFolder {
  /** `smtp://127.0.0.1:<port>`: what the notifications shards send to. */
  readonly url: string;
  /** Where each accepted message lands as `<time>-<n>.eml`, readable by any mail client. */
  readonly dir: string;
  close(): Promise<void>;
}

/**
 * `npm start`'s mail server: a real SMTP server on loopback that writes every message it accepts
 * to a folder, so a person trying the platform can open the order confirmation it sent. Never
 * used in a cluster, where PLATFORM_SMTP_URL names a real relay.
 */
export async function startMailFolder(dir: string): Promise<MailFolder> {
  // Loaded here, not with the module: smtp-server is a development dependency, and the CLI that
  // imports this library also runs `migrate-all-tenants` in images without one.
  const { SMTPServer } = await import('smtp-server');
  mkdirSync(dir, { recursive: true });
  let written = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${++written}.eml`;
      // Written under a dot name first, so a reader never opens half a message.
      const partial = join(dir, `.${name}`);
      pipeline(stream, createWriteStream(partial))
        .then(() => renameSync(partial, join(dir, name)))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, dir, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
