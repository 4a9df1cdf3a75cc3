import { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error';
import { PLATFORM_VARIABLES } from './platform-variables';

/**
 * Options of our own carry this prefix; an unknown one is a typo that would silently fall back
 * to a default, so it is refused rather than ignored.
 */
export const PLATFORM_ENV_PREFIX = 'PLATFORM_';

export type EnvSchema = z.ZodObject<z.ZodRawShape>;

/**
 * Reads a typed configuration from the environment. Keys of the schema are environment variable
 * names. Every problem is reported at once, with values of secrets never echoed.
 */
export function loadConfig<S extends EnvSchema>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const known = new Set(Object.keys(schema.shape));
  const recognised = new Set([...known, ...PLATFORM_VARIABLES]);
  const problems: ConfigProblem[] = Object.keys(env)
    .filter((name) => name.startsWith(PLATFORM_ENV_PREFIX) && !recognised.has(name))
    .sort()
    .map((name) => ({ variable: name, message: unknownOptionMessage(name, recognised) }));

  const input = Object.fromEntries(
    [...known].filter((name) => env[name] !== undefined && env[name] !== '').map((name) => [name, env[name]]),
  );
  const result = schema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ variable: String(issue.path[0] ?? '(root)'), message: issue.message });
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return (result as { data: z.infer<S> }).data;
}

function unknownOptionMessage(name: string, known: ReadonlySet<string>): string {
  const suggestion = closest(name, [...known].filter((k) => k.startsWith(PLATFORM_ENV_PREFIX)));
  return suggestion ? `unknown option (did you mean ${suggestion}?)` : 'unknown option';
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance <= 3 && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
