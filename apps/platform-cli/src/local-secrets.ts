import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Secrets every local service shares; in Kubernetes they come from the chart's Secret. */
const LOCAL_SECRET_NAMES = ['PLATFORM_SERVICE_TOKEN_SECRET', 'PLATFORM_JWT_SECRET'] as const;

/**
 * The environment's value for each secret, else one generated on first start and kept (mode
 * 0600) under .data/, so merchant sign-ins survive a restart of `npm start`.
 */
export function localSecrets(file: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let changed = false;
  const secrets: Record<string, string> = {};
  for (const name of LOCAL_SECRET_NAMES) {
    if (env[name]) {
      secrets[name] = env[name];
      continue;
    }
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString('base64url');
      changed = true;
    }
    secrets[name] = stored[name];
  }
  if (changed) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return secrets;
}
