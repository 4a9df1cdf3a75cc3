import 'reflect-metadata';
import { databasePoolOptionsOf, loadConfig, loadConfigOrExit } from '@storefront/config';
import { DatabaseClusters } from '@storefront/database';
import { loadKubeConfig } from '@storefront/kube-client';
import { createLogger, installGracefulShutdown } from '@storefront/observability';
import { operatorConfigSchema } from './operator-config';
import { TenantOperator } from './tenant-operator';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(operatorConfigSchema));
  const logger = createLogger({ service: 'tenant-operator', level: config.LOG_LEVEL });
  const kubeConfig = loadKubeConfig(config.KUBECONFIG);

  const clusters = new DatabaseClusters({
    urls: { main: config.DATABASE_URL, ...config.PLATFORM_TENANT_DATABASE_URLS },
    ...databasePoolOptionsOf(config),
    applicationName: 'tenant-operator',
  });
  await clusters.initialize();

  const operator = new TenantOperator({
    config,
    kubeConfig,
    clusters,
    logger,
    // As client-go does: a replica that lost its lease exits and comes back as a clean standby.
    onLostLeadership: () => {
      logger.flush();
      process.exit(1);
    },
  });
  installGracefulShutdown(
    [
      { name: 'operator', run: () => operator.stop() },
      { name: 'postgres', run: () => clusters.destroy() },
    ],
    logger,
  );
  await operator.start();
  logger.info({ port: operator.healthPort, identity: config.PLATFORM_OPERATOR_IDENTITY }, 'tenant operator running');
}

void main().catch((error: unknown) => {
  process.stderr.write(`tenant-operator failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
