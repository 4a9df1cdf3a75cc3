import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installDebianPackages } from './debian-packages';
import { runCommand } from './run-command';
import { toolCacheRoot } from './tool-cache';

/** A test-only command-line tool installed from PyPI, pinned, into a virtual environment of its own. */
export interface PythonTool {
  readonly name: string;
  /** The PyPI package and its pinned version. */
  readonly package: string;
  readonly version: string;
  /** The command the package installs, e.g. `st`. */
  readonly command: string;
}

/** The property-based fuzzer run over the services' OpenAPI documents. */
export const SCHEMATHESIS: PythonTool = { name: 'schemathesis', package: 'schemathesis', version: '4.32.5', command: 'st' };

/** Where test workers find Schemathesis's command (the test setup installs it and sets this). */
export const SCHEMATHESIS_COMMAND_VARIABLE = 'SCHEMATHESIS_COMMAND';

function virtualEnvironmentDir(tool: PythonTool, env: NodeJS.ProcessEnv): string {
  return join(toolCacheRoot(env), tool.name, tool.version, 'venv');
}

export function pythonToolPath(tool: PythonTool, env: NodeJS.ProcessEnv = process.env): string {
  return join(virtualEnvironmentDir(tool, env), 'bin', tool.command);
}

/**
 * Returns the tool's command, installing it with pip first when it is missing. A virtual
 * environment cannot be moved once made (its scripts name their own path), so it is made in
 * place and counts as ready only once the marker written after pip succeeded is there.
 */
export async function ensurePythonTool(tool: PythonTool, log: (line: string) => void = () => undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const venv = virtualEnvironmentDir(tool, env);
  const installed = join(venv, '.installed');
  if (existsSync(installed)) return pythonToolPath(tool, env);
  await ensurePythonVenv(log);
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(join(venv, '..'), { recursive: true });
  const started = Date.now();
  log(`installing ${tool.package}==${tool.version} from PyPI into ${venv} (first run only)`);
  await runCommand('python3', ['-m', 'venv', venv], { timeoutMs: 120_000 });
  await runCommand(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '--no-input', `${tool.package}==${tool.version}`], {
    timeoutMs: 15 * 60_000,
  });
  writeFileSync(installed, `${tool.package}==${tool.version}\n`);
  log(`${tool.package} ${tool.version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return pythonToolPath(tool, env);
}

/** Debian splits `venv`'s pip bootstrap into python3-venv; without it `python3 -m venv` fails. */
async function ensurePythonVenv(log: (line: string) => void): Promise<void> {
  const usable = await runCommand('python3', ['-c', 'import ensurepip, venv']).then(
    () => true,
    () => false,
  );
  if (!usable) await installDebianPackages(['python3', 'python3-venv'], log);
}
