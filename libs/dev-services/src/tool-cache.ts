import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Points every cache of what the project builds or installs for its tests (control-plane
 * binaries, stripe-mock, Go's module and build caches) at one folder. An empty folder makes a
 * run behave as on a fresh machine.
 */
export const TOOL_CACHE_HOME_VARIABLE = 'STOREFRONT_CACHE_HOME';

/** Root of the project's own tool cache: `$STOREFRONT_CACHE_HOME`, else `~/.cache/storefront-platform`. */
export function toolCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const home = env[TOOL_CACHE_HOME_VARIABLE];
  return home ? resolve(home) : join(homedir(), '.cache', 'storefront-platform');
}

/**
 * The environment for `go` commands. With a cache home set, Go's module downloads and build
 * cache live under it as well, so a cold run downloads and compiles everything again; without
 * one they stay Go's defaults, shared with the rest of the machine.
 */
export function goEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const goDefaults = { ...env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };
  if (!env[TOOL_CACHE_HOME_VARIABLE]) return goDefaults;
  const root = toolCacheRoot(env);
  return { ...goDefaults, GOPATH: join(root, 'go'), GOMODCACHE: join(root, 'go', 'pkg', 'mod'), GOCACHE: join(root, 'go-build') };
}
