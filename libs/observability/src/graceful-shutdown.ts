import type { Logger } from 'pino';

export interface ShutdownStep {
  readonly name: string;
  run(): Promise<void>;
}

/**
 * On SIGTERM/SIGINT runs the steps in order (stop accepting, drain in-flight work, close
 * queues, then pools) within a deadline, then exits. A second signal exits at once.
 */
export function installGracefulShutdown(steps: readonly ShutdownStep[], logger: Logger, deadlineMs = 25_000): void {
  let shuttingDown = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ deadlineMs }, 'shutdown deadline passed: exiting');
      process.exit(1);
    }, deadlineMs);
    deadline.unref();
    let failed = false;
    for (const step of steps) {
      try {
        await step.run();
      } catch (error) {
        failed = true;
        logger.error({ err: error, step: step.name }, 'shutdown step failed');
      }
    }
    logger.info('shutdown complete');
    logger.flush();
    process.exit(failed ? 1 : 0);
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}
