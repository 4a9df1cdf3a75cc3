import { readFileSync } from 'node:fs';

/** The parts of a container spec that make up its process environment. */
export interface ContainerEnvSpec {
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } & Record<string, unknown> }[];
  envFrom?: ({ prefix?: string; secretRef?: { name: string; optional?: boolean } } & Record<string, unknown>)[];
}

export interface Secret {
  data?: Record<string, string>;
}

/**
 * The environment the kubelet gives a container, computed the way it does: the image's own
 * ENV first, then every `envFrom` source in order (keys prefixed), then every `env` entry in
 * order, later ones winning, with `$(NAME)` in a value expanded from what is defined so far
 * (`$$(NAME)` stays literal). Secrets are read through `readSecret` (from the API server).
 * Anything else (ConfigMaps, fieldRef, resourceFieldRef) is refused rather than guessed, so a
 * test using this fails loudly when the operator starts using it.
 */
export async function containerEnvironment(
  container: ContainerEnvSpec,
  imageEnv: Readonly<Record<string, string>>,
  readSecret: (name: string) => Promise<Secret | undefined>,
): Promise<Record<string, string>> {
  const env: Record<string, string> = { ...imageEnv };
  const secret = async (name: string, optional: boolean | undefined): Promise<Record<string, string> | undefined> => {
    const found = await readSecret(name);
    if (!found && !optional) throw new Error(`Secret ${name} does not exist: the kubelet would not start the container`);
    return found && Object.fromEntries(Object.entries(found.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
  };

  for (const source of container.envFrom ?? []) {
    if (!source.secretRef) throw new Error(`unsupported envFrom source ${JSON.stringify(source)}`);
    const values = await secret(source.secretRef.name, source.secretRef.optional);
    for (const [key, value] of Object.entries(values ?? {})) env[`${source.prefix ?? ''}${key}`] = value;
  }
  for (const entry of container.env ?? []) {
    if (entry.value !== undefined) {
      env[entry.name] = expand(entry.value, env);
    } else if (entry.valueFrom?.secretKeyRef) {
      const ref = entry.valueFrom.secretKeyRef;
      const values = await secret(ref.name, ref.optional);
      const value = values?.[ref.key];
      if (value === undefined && !ref.optional) throw new Error(`Secret ${ref.name} has no key ${ref.key}: the kubelet would not start the container`);
      if (value !== undefined) env[entry.name] = value;
    } else if (entry.valueFrom) {
      throw new Error(`unsupported env source for ${entry.name}: ${JSON.stringify(entry.valueFrom)}`);
    } else {
      env[entry.name] = '';
    }
  }
  return env;
}

/** `$(NAME)` -> its value when NAME is defined, else left as written; `$$` escapes. */
function expand(value: string, env: Readonly<Record<string, string>>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return name !== undefined && env[name] !== undefined ? env[name]! : match;
  });
}

/** `ENV` of the last stage of a Dockerfile (the image the container runs), `KEY=value` pairs only. */
export function dockerfileEnv(path: string): Record<string, string> {
  const lines = readFileSync(path, 'utf8').split('\n');
  const lastStage = lines.map((line) => /^FROM\s/i.test(line)).lastIndexOf(true);
  const env: Record<string, string> = {};
  for (const line of lines.slice(lastStage)) {
    const match = /^ENV\s+(.+)$/i.exec(line.trim());
    if (!match) continue;
    for (const pair of match[1]!.split(/\s+/)) {
      const equals = pair.indexOf('=');
      if (equals <= 0) throw new Error(`unsupported ENV syntax in ${path}: ${line}`);
      env[pair.slice(0, equals)] = pair.slice(equals + 1);
    }
  }
  return env;
}

/** ENTRYPOINT of the last stage, in exec form. */
export function dockerfileEntrypoint(path: string): string[] {
  const line = readFileSync(path, 'utf8').split('\n').reverse().find((l) => /^ENTRYPOINT\s/i.test(l));
  if (!line) throw new Error(`${path} has no ENTRYPOINT`);
  return JSON.parse(line.replace(/^ENTRYPOINT\s+/i, '')) as string[];
}
