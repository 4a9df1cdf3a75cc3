import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ensureRedisUsersCommand } from './commands/ensure-redis-users.command';
import { installCommand, type InstallArgs } from './commands/install.command';
import { migrateAllTenantsCommand } from './commands/migrate-all-tenants.command';
import { reindexSearchCommand } from './commands/reindex-search.command';
import { rotatePaymentSecretsCommand } from './commands/rotate-payment-secrets.command';
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
  ensure-redis-users            Create or update the services' Redis ACL users (PLATFORM_REDIS_ADMIN_URL) with the
                                passwords in PLATFORM_REDIS_URL_PLATFORM_API, _CHECKOUT, _SEARCH, _NOTIFICATIONS
  rotate-payment-secrets        Re-wrap every store's sealed payment secrets under the first key of PLATFORM_SECRETS_KEYRING
  install                       Install the Helm chart into the current cluster, or upgrade the release
      --release <name>          Release name (default storefront-platform)
      --namespace <name>        Namespace, created when missing (default storefront-platform)
      --values <file>           Values file; repeat for more (later files win)
      --chart <dir>             Chart directory (default charts/storefront-platform of this checkout)
      --kubeconfig <file>       Kubeconfig (default: helm's, i.e. $KUBECONFIG or ~/.kube/config)
      --helm <path>             helm v3 binary (default helm on the PATH)
      --timeout <seconds>       For migration hooks and --wait (default 900)
      --wait                    Wait until every workload is ready
`;

type CommandValues = Record<string, string | boolean | string[] | undefined>;

interface Command {
  readonly options: NonNullable<Parameters<typeof parseArgs>[0]>['options'];
  run(values: CommandValues): Promise<number>;
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
  'rotate-payment-secrets': { options: {}, run: () => rotatePaymentSecretsCommand() },
  'ensure-redis-users': { options: {}, run: () => ensureRedisUsersCommand() },
  install: {
    options: {
      release: { type: 'string' },
      namespace: { type: 'string' },
      values: { type: 'string', multiple: true },
      chart: { type: 'string' },
      kubeconfig: { type: 'string' },
      helm: { type: 'string' },
      timeout: { type: 'string' },
      wait: { type: 'boolean' },
    },
    run: (values) => installCommand(values as InstallArgs),
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(name && name !== '--help' ? `Unknown command "${name}".\n\n${USAGE}` : USAGE);
    return name && name !== '--help' ? USAGE_EXIT_CODE : 0;
  }
  let values: CommandValues;
  try {
    values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values as CommandValues;
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
