import 'reflect-metadata';
import { runNotificationsBenchmark } from './notifications.bench';
import { runStorefrontBenchmark } from './storefront.bench';
import { runTenancyBenchmark } from './tenancy.bench';

/** `npm run bench -- <name> [options]` */
const BENCHMARKS: Record<string, (args: string[]) => Promise<void>> = {
  tenancy: runTenancyBenchmark,
  storefront: runStorefrontBenchmark,
  notifications: runNotificationsBenchmark,
};

const [name, ...args] = process.argv.slice(2);
const benchmark = name ? BENCHMARKS[name] : undefined;
if (!benchmark) {
  process.stderr.write(`Usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [options]\n`);
  process.exit(64);
}
benchmark(args).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
