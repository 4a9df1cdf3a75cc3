import { pythonToolPath, SCHEMATHESIS, SCHEMATHESIS_COMMAND_VARIABLE } from '@storefront/dev-services';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A deeper or different run locally: `FUZZ_EXAMPLES=200 FUZZ_SEED=7 npm run test:jest -- <fuzz spec>`. */
export const FUZZ_EXAMPLES_VARIABLE = 'FUZZ_EXAMPLES';
export const FUZZ_SEED_VARIABLE = 'FUZZ_SEED';
const DEFAULT_EXAMPLES_PER_OPERATION = 20;
const DEFAULT_SEED = 1;

export interface OpenApiFuzzRun {
  /** The OpenAPI document to fuzz; requests go to its origin. */
  readonly documentUrl: string;
  /** Sent with every request (a bearer token, a session cookie, the store's Host). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Only operations whose path matches (e.g. the admin API, fuzzed with an admin token). */
  readonly includePath?: RegExp;
  readonly excludePath?: RegExp;
  /** Generated test cases per operation: bounded, so the run takes seconds, not minutes. */
  readonly examplesPerOperation?: number;
  /**
   * Real values for path parameters by path template, e.g. `{ '/api/v1/products/{id}': { id } }`:
   * random ids only ever meet 404, real ones let the fuzzed query and body reach the logic.
   */
  readonly pathParameters?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly seed?: number;
}

export interface OpenApiFuzzResult {
  /** Operations the fuzzer tested and test cases it sent, as its summary reports them. */
  readonly operationsTested: number;
  readonly testCases: number;
  /** One block per 5xx answer (operation, answer and a curl line to reproduce it); empty when none. */
  readonly serverErrors: readonly string[];
  /** Anything else that stopped a test (the fuzzer's own errors, unreachable service), as printed. */
  readonly errors: readonly string[];
  readonly exitCode: number;
}

/**
 * Runs Schemathesis over an OpenAPI document with one check: no answer is a server error (5xx).
 * Fixed seed and example count make a run repeat itself; the stateful phase (chains of calls
 * built from links) is left out, as the documents declare no links.
 */
export async function fuzzOpenApiDocument(run: OpenApiFuzzRun): Promise<OpenApiFuzzResult> {
  const command = process.env[SCHEMATHESIS_COMMAND_VARIABLE] ?? pythonToolPath(SCHEMATHESIS);
  // Hypothesis keeps a folder where it runs; a scratch one keeps the work tree clean.
  const cwd = mkdtempSync(join(tmpdir(), 'schemathesis-'));
  const configFile = join(cwd, 'schemathesis.toml');
  writeFileSync(configFile, configOf(run));
  const args = [
    `--config-file=${configFile}`,
    'run',
    run.documentUrl,
    '--checks=not_a_server_error',
    `--max-examples=${run.examplesPerOperation ?? Number(process.env[FUZZ_EXAMPLES_VARIABLE] ?? DEFAULT_EXAMPLES_PER_OPERATION)}`,
    `--seed=${run.seed ?? Number(process.env[FUZZ_SEED_VARIABLE] ?? DEFAULT_SEED)}`,
    '--phases=examples,coverage,fuzzing',
    // One worker: CPython 3.11 keeps the AST converter's depth counter per interpreter, and
    // Hypothesis parses sources in each worker thread, so two threads fail it at random.
    '--workers=1',
    '--generation-database=none',
    // NUL characters in strings: PostgreSQL refuses them, so they are what finds unchecked input.
    '--generation-allow-x00=true',
    '--no-color',
    '--output-sanitize=false',
    ...Object.entries(run.headers ?? {}).map(([name, value]) => `--header=${name}: ${value}`),
    ...(run.includePath ? [`--include-path-regex=${run.includePath.source}`] : []),
    ...(run.excludePath ? [`--exclude-path-regex=${run.excludePath.source}`] : []),
  ];
  try {
    const { output, exitCode } = await runToCompletion(command, args, cwd);
    return { ...summaryOf(output), exitCode };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** One `[[operations]]` table per path template with known values (TOML strings are JSON strings). */
function configOf(run: OpenApiFuzzRun): string {
  return Object.entries(run.pathParameters ?? {})
    .map(([path, values]) => {
      const parameters = Object.entries(values).map(([name, value]) => `${JSON.stringify(`path.${name}`)} = ${JSON.stringify(value)}`);
      return `[[operations]]\ninclude-path = ${JSON.stringify(path)}\nparameters = { ${parameters.join(', ')} }\n`;
    })
    .join('\n');
}

function runToCompletion(command: string, args: string[], cwd: string): Promise<{ output: string; exitCode: number }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout: 300_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      // Failures and errors are reported with exit code 1; anything else means it did not run.
      if (error && exitCode !== 1) reject(new Error(`${command} failed (${error.message}): ${String(stderr) || String(stdout)}`));
      else resolve({ output: String(stdout), exitCode });
    });
  });
}

/** Reads the plain-text report: a `___ METHOD /path ___` block per operation that failed or errored. */
function summaryOf(output: string): Omit<OpenApiFuzzResult, 'exitCode'> {
  const blocks = output
    .split(/\n(?=_{3,} [A-Z]+ \S+ _{3,}\n)/)
    .slice(1)
    .map((block) => block.split(/\n={3,} /)[0]!.trim());
  const operationsTested = Number(/^\s*Tested: (\d+)/m.exec(output)?.[1] ?? 0);
  const testCases = Number(/^\s*(\d+) generated/m.exec(output)?.[1] ?? 0);
  return {
    operationsTested,
    testCases,
    serverErrors: blocks.filter((block) => block.includes('Server error')),
    errors: blocks.filter((block) => !block.includes('Server error')),
  };
}
