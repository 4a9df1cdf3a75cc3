import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command';
import { goEnvironment, toolCacheRoot } from './tool-cache';

/** A test-only server built from its Go module (release downloads are not reachable here). */
export interface GoBinary {
  readonly name: string;
  /** The package path `go install` builds, e.g. `github.com/stripe/stripe-mock`. */
  readonly module: string;
  readonly version: string;
  /**
   * Builds this package of the module as the main module instead of `go install pkg@version`,
   * which refuses a module whose go.mod has replace directives (SeaweedFS has one).
   */
  readonly mainPackage?: string;
}

export const STRIPE_MOCK: GoBinary = { name: 'stripe-mock', module: 'github.com/stripe/stripe-mock', version: 'v0.203.0' };

/** SeaweedFS, the S3-compatible object store the object-storage tests run against (docs/adr/0059). */
export const SEAWEEDFS: GoBinary = {
  name: 'weed',
  module: 'github.com/seaweedfs/seaweedfs',
  version: 'v0.0.0-20261109003541-7506e5f91cd6',
  mainPackage: './weed',
};

export function goBinaryPath(binary: GoBinary, env: NodeJS.ProcessEnv = process.env): string {
  return join(toolCacheRoot(env), binary.name, binary.version, binary.name);
}

/**
 * Returns the cached binary, building it with `go install` first when it is missing. The build
 * goes to a private folder and is renamed into place, so a parallel run never sees half a file.
 */
export async function ensureGoBinary(
  binary: GoBinary,
  log: (line: string) => void = () => undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const target = goBinaryPath(binary, env);
  if (existsSync(target)) return target;
  const versionDir = join(target, '..');
  mkdirSync(versionDir, { recursive: true });
  const buildDir = mkdtempSync(join(versionDir, '.build-'));
  try {
    log(`building ${binary.name} ${binary.version} from ${binary.module} (first run only)`);
    const started = Date.now();
    if (binary.mainPackage) await buildAsMainModule(binary, join(buildDir, binary.name), env);
    else {
      await runCommand('go', ['install', '-trimpath', `${binary.module}@${binary.version}`], {
        env: { ...goEnvironment(env), GOBIN: buildDir, GOFLAGS: '-mod=mod' },
        timeoutMs: 30 * 60_000,
      });
    }
    renameSync(join(buildDir, binary.name), target);
    log(`${binary.name} built in ${Math.round((Date.now() - started) / 1000)} s`);
    return target;
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}

/** Downloads the module's source into the module cache and builds `mainPackage` inside it, with its own go.mod and go.sum. */
async function buildAsMainModule(binary: GoBinary, output: string, env: NodeJS.ProcessEnv): Promise<void> {
  const goEnv = goEnvironment(env);
  const download = await runCommand('go', ['mod', 'download', '-json', `${binary.module}@${binary.version}`], { env: goEnv, timeoutMs: 30 * 60_000 });
  const { Dir: moduleDir } = JSON.parse(download.stdout) as { Dir: string };
  await runCommand('go', ['build', '-trimpath', '-o', output, binary.mainPackage!], {
    env: { ...goEnv, GOFLAGS: '-mod=readonly' },
    cwd: moduleDir,
    timeoutMs: 30 * 60_000,
  });
}
