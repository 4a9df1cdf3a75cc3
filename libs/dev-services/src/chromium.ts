import { existsSync } from 'node:fs';
import { installDebianPackages } from './debian-packages';

const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium for browser tests (installed with apt-get when missing; browsers are never downloaded). */
export async function ensureChromium(log: (line: string) => void = (line) => process.stderr.write(`[dev-services] ${line}\n`)): Promise<string> {
  if (!existsSync(CHROMIUM)) await installDebianPackages(['chromium'], log);
  if (!existsSync(CHROMIUM)) throw new Error(`chromium was installed but ${CHROMIUM} is missing`);
  return CHROMIUM;
}

/**
 * Flags for a headless Chromium on a machine without a network or a user session: no sandbox
 * (root), and no background traffic to Google, which this machine refuses.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
