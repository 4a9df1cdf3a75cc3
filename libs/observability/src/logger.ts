import pino, { type Logger, type LevelWithSilent } from 'pino';
import { currentRequestContext } from './request-context';

export interface LoggerOptions {
  readonly service: string;
  readonly level?: LevelWithSilent;
  readonly shard?: number;
  /** Defaults to stdout; tests pass a stream to read what was logged. */
  readonly destination?: pino.DestinationStream;
}

/**
 * JSON logs, one line per event, with service and shard on every line and the tenant and
 * request ids of the current request or job mixed in from AsyncLocalStorage.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, ...(options.shard !== undefined ? { shard: options.shard } : {}) },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const context = currentRequestContext();
        if (!context) return {};
        return context.tenantId ? { requestId: context.requestId, tenantId: context.tenantId } : { requestId: context.requestId };
      },
      redact: { paths: ['password', '*.password', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}

export type { Logger };
