/**
 * stripe-mock (Stripe's API simulator) for tests, built from its Go module the first time: the
 * module proxy is reachable here, release downloads are not. It validates every request against
 * Stripe's OpenAPI spec and answers fixtures (so a PaymentIntent never really succeeds).
 */
import { findFreePort } from '@storefront/dev-services';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const STRIPE_MOCK_VERSION = 'v0.203.0';

export interface StripeMockServer {
  readonly url: string;
  stop(): Promise<void>;
}

async function stripeMockBinary(): Promise<string> {
  const binDir = join(homedir(), '.cache', 'storefront-platform', 'stripe-mock', STRIPE_MOCK_VERSION);
  const binary = join(binDir, 'stripe-mock');
  if (existsSync(binary)) return binary;
  await promisify(execFile)('go', ['install', `github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}`], {
    env: { ...process.env, GOBIN: binDir, GOFLAGS: '-mod=mod' },
    timeout: 600_000,
  });
  return binary;
}

export async function startStripeMock(): Promise<StripeMockServer> {
  const binary = await stripeMockBinary();
  const port = await findFreePort();
  const child = spawn(binary, ['-http-addr', `127.0.0.1:${port}`], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 15_000; ; ) {
    try {
      await fetch(`${url}/v1/balance`, { headers: { authorization: 'Bearer sk_test_123' } });
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`stripe-mock did not start: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
