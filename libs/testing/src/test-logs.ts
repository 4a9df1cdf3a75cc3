import { createLogger, type Logger } from '@storefront/observability';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';

/**
 * Secrets the tests hand to the platform (a store's Stripe keys) that must never be written to
 * a log. Every service the tests run logs to files under TEST_LOG_DIR, and the global teardown
 * fails the run if any line of any of them contains one of these.
 */
export const SECRET_CANARIES = {
  stripeSecretKey: 'sk_test_CanaryNeverLogged9f2c',
  stripeWebhookSecret: 'whsec_CanaryNeverLogged7a1d',
} as const;

function logDirectory(): string | undefined {
  return process.env.TEST_LOG_DIR;
}

/** Where this run's service logs go; made (empty) by the global setup. */
export function prepareTestLogDirectory(workspaceRoot: string): string {
  const directory = join(workspaceRoot, '.data', 'test', 'logs');
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  return directory;
}

/**
 * A service's logger in a test: JSON lines at `info` (what production logs) into this run's log
 * directory, one file per service and Jest worker, instead of the test output.
 */
export function testLogger(service: string): Logger {
  const directory = logDirectory();
  if (!directory) return createLogger({ service, level: 'silent' });
  const file = join(directory, `${service}-w${process.env.JEST_WORKER_ID ?? '0'}.jsonl`);
  return createLogger({ service, level: 'info', destination: pino.destination({ dest: file, sync: true, append: true }) });
}

/** Appends lines a service process logged to this run's log directory. */
export function recordServiceLogLine(service: string, pid: number | undefined, line: string): void {
  const directory = logDirectory();
  if (directory) appendFileSync(join(directory, `${service}-process-${pid ?? 'unknown'}.jsonl`), `${line}\n`);
}

/** Each canary found in this run's logs, with the file it is in. */
export function findSecretCanariesInLogs(directory: string): { file: string; canary: string }[] {
  if (!existsSync(directory)) return [];
  const found: { file: string; canary: string }[] = [];
  for (const name of readdirSync(directory)) {
    const text = readFileSync(join(directory, name), 'utf8');
    for (const canary of Object.values(SECRET_CANARIES)) if (text.includes(canary)) found.push({ file: name, canary });
  }
  return found;
}
