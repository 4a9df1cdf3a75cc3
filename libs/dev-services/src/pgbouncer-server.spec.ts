import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';
import { startPgBouncer } from './pgbouncer-server';

/** The test server's superuser, who logs in without a password on loopback. */
function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_ADMIN_URL;
  if (!url) throw new Error('TEST_DATABASE_ADMIN_URL is not set: run tests through jest.config.js (global setup)');
  return url;
}

async function connects(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ ok: number }>('SELECT 1 AS ok');
    return `ok ${rows[0]!.ok}`;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('PgBouncer for tests', () => {
  it('admits the userlist password over SCRAM only, even though the PostgreSQL behind it trusts loopback', async () => {
    const bouncer = await startPgBouncer({ upstream: testServerUrl(), poolMode: 'transaction', poolSize: 1 });
    try {
      const url = new URL(bouncer.urlFor('postgres'));
      expect(await connects(url.toString())).toBe('ok 1');
      url.password = 'not-the-password';
      expect(await connects(url.toString())).toMatch(/SASL authentication failed/);
    } finally {
      await bouncer.stop();
    }
  });

  it('stops cleanly: the port refuses connections and its temporary directory is gone', async () => {
    const bouncer = await startPgBouncer({ upstream: testServerUrl(), poolMode: 'transaction', poolSize: 1 });
    const client = new Client({ connectionString: bouncer.urlFor('postgres') });
    await client.connect();
    client.on('error', () => undefined); // the stop below closes this connection from the server side
    await bouncer.stop();
    expect(await connects(bouncer.urlFor('postgres'))).toMatch(/ECONNREFUSED/);
    expect(existsSync(dirname(bouncer.logFile))).toBe(false);
    await client.end().catch(() => undefined);
  });
});
