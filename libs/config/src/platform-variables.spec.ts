import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PLATFORM_VARIABLES } from './platform-variables';

const WORKSPACE_ROOT = join(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the PLATFORM_ variable registry', () => {
  it('lists every PLATFORM_ variable a config schema declares or code reads from the environment', () => {
    const used = new Set<string>();
    for (const root of ['apps', 'libs', 'operators']) {
      for (const file of sourceFiles(join(WORKSPACE_ROOT, root))) {
        const text = readFileSync(file, 'utf8');
        for (const match of text.matchAll(/(?:^\s+|env\.|env\[')(PLATFORM_[A-Z0-9_]+)(?:'\])?\s*[:?)]?/gm)) {
          if (/^\s+PLATFORM_[A-Z0-9_]+:|env\.|env\['/.test(match[0])) used.add(match[1]!);
        }
      }
    }
    const unregistered = [...used].filter((name) => !PLATFORM_VARIABLES.has(name)).sort();
    expect(unregistered).toEqual([]);
  });
});
