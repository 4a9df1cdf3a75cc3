/** `npm run bench -- <name>`: runs bench/<name>.bench.ts and prints its report. */
import 'reflect-metadata';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Benchmark {
  run(): Promise<void>;
}

async function main(): Promise<number> {
  const name = process.argv[2];
  const available = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .map((file) => file.replace(/\.bench\.ts$/, ''));
  if (!name || !available.includes(name)) {
    process.stderr.write(`Usage: npm run bench -- <name>\nBenchmarks: ${available.join(', ')}\n`);
    return 64;
  }
  const file = join(__dirname, `${name}.bench.ts`);
  if (!existsSync(file)) return 64;
  const benchmark = (await import(file)) as Benchmark;
  await benchmark.run();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
