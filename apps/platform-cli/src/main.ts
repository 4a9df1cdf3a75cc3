import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { migrateAllTenantsCommand } from './commands/migrate-all-tenants.command';
import { reindexSearchCommand } from './commands/reindex-search.command';
import { startCommand } from './commands/start.command';

/** sysexits EX_USAGE: the command line itself is wrong. */
const USAGE_EXIT_CODE = 64;

const USAGE = `Usage: platform <command> [options]

Commands:
  start                         Start the whole platform on this machine (private PostgreSQL and Redis under .data/)
  migrate-all-tenants           Apply pending tenant migrations to every tenant schema
      --concurrency <n>         Tenants migrated at once (default 8)
  reindex-search                Queue a full search reindex of every active store on its search shard
      --store <slug>            Only this store
`;

interface Command {
  readonly options: NonNullable<Parameters<typeof parseArgs>[0]>['options'];
  run(values: Record<string, string | boolean | undefined>): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  start: { options: {}, run: () => startCommand() },
  'migrate-all-tenants': {
    options: { concurrency: { type: 'string' } },
    run: (values) => migrateAllTenantsCommand({ concurrency: values.concurrency as string | undefined }),
  },
  'reindex-search': {
    options: { store: { type: 'string' } },
    run: (values) => reindexSearchCommand({ store: values.store as string | undefined }),
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(name && name !== '--help' ? `Unknown command "${name}".\n\n${USAGE}` : USAGE);
    return name && name !== '--help' ? USAGE_EXIT_CODE : 0;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return USAGE_EXIT_CODE;
  }
  return command.run(values);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
