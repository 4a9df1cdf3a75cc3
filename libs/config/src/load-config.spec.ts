import { z } from 'zod';
import { ConfigError } from './config-error';
import { logLevel, port, postgresUrl } from './config-fields';
import { loadConfig } from './load-config';

const schema = z.object({
  DATABASE_URL: postgresUrl,
  PORT: port.default(8080),
  LOG_LEVEL: logLevel.default('info'),
  PLATFORM_DOMAIN: z.string().default('localhost'),
});

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('reads typed values and fills defaults', () => {
    expect(loadConfig(schema, { DATABASE_URL: 'postgres://u@db:5432/x', PORT: '9000' })).toEqual({
      DATABASE_URL: 'postgres://u@db:5432/x',
      PORT: 9000,
      LOG_LEVEL: 'info',
      PLATFORM_DOMAIN: 'localhost',
    });
  });

  it('names a missing DATABASE_URL', () => {
    expect(problemsOf({})).toEqual(['DATABASE_URL: is required']);
  });

  it('names a malformed DATABASE_URL without echoing it', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(problems).toEqual(['DATABASE_URL: must be a URL like postgres://user:password@host:5432/database']);
    expect(problems.join()).not.toContain('hunter2');
  });

  it('refuses an unknown PLATFORM_ option and suggests the one meant', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db/x', PLATFORM_DOMIAN: 'shop.example' })).toEqual([
      'PLATFORM_DOMIAN: unknown option (did you mean PLATFORM_DOMAIN?)',
    ]);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toEqual([
      'DATABASE_URL: is required',
      'PORT: must be a number',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });
});
