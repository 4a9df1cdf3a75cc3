/**
 * Runs a platform service as its own process, as `platform start` and Kubernetes do (NestJS 12 is
 * ESM-only, which Jest's CommonJS runtime cannot load in-process; Node itself can).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { recordServiceLogLine } from './test-logs';

const WORKSPACE_ROOT = join(__dirname, '../../..');

export interface ServiceProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Log lines seen so far (JSON). */
  readonly logs: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServiceProcessOptions {
  /**
   * The process gets `env` and nothing else: no PATH, HOST, PORT or LOG_LEVEL defaults (a test
   * proving that an environment someone else wrote, e.g. a Deployment's, is enough on its own).
   */
  readonly exactEnv?: boolean;
  /** Working directory (default the workspace root), which `entry` is relative to. */
  readonly cwd?: string;
}

/**
 * Starts `entry` and resolves once it logs `<service> listening` with its URL: TypeScript through
 * `@swc-node/register`, a compiled `.js` under dist/ (`npm run build`) with plain node.
 */
export function startServiceProcess(
  service: string,
  entry: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
  options: ServiceProcessOptions = {},
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, entry.endsWith('.ts') ? ['-r', '@swc-node/register', entry] : [entry], {
    cwd: options.cwd ?? WORKSPACE_ROOT,
    env: options.exactEnv ? env : { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    let started = false;
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`${service} did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`${service} exited (${signal ?? code}) before listening: ${stderr}\n${logs.join('\n')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(line);
      recordServiceLogLine(service, child.pid, line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === `${service} listening` && entry.url) {
          clearTimeout(timer);
          started = true;
          resolve({ url: entry.url, child, logs, stop });
        }
      } catch {
        // not a log line
      }
    });
  });
}
