import 'reflect-metadata';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** `npm run bench -- <name>` runs bench/<name>.bench.ts; without a name, lists the benchmarks. */
async function main(): Promise<number> {
  const name = process.argv[2];
  const available = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .map((file) => file.replace(/\.bench\.ts$/, ''));
  if (!name || !available.includes(name)) {
    process.stderr.write(`${name ? `Unknown benchmark "${name}". ` : ''}Benchmarks: ${available.join(', ')}\n`);
    return name ? 64 : 0;
  }
  const file = join(__dirname, `${name}.bench.ts`);
  if (!existsSync(file)) return 64;
  const bench = (await import(file)) as { run(args: string[]): Promise<number | void> };
  return (await bench.run(process.argv.slice(3))) ?? 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
