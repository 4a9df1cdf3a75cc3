/**
 * stripe-mock (Stripe's API simulator) for tests, built from its Go module the first time: the
 * module proxy is reachable here, release downloads are not. It validates every request against
 * Stripe's OpenAPI spec and answers fixtures (so a PaymentIntent never really succeeds).
 */
import { ensureGoBinary, findFreePort, STRIPE_MOCK } from '@storefront/dev-services';
import { spawn } from 'node:child_process';

export interface StripeMockServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startStripeMock(): Promise<StripeMockServer> {
  // Built before the first suite by the test prerequisites; this only finds it in the cache.
  const binary = await ensureGoBinary(STRIPE_MOCK);
  const port = await findFreePort();
  // stripe-mock also opens HTTPS on the fixed port 12112 unless told otherwise: a second one in a
  // parallel suite would then fail to start. Let the system pick that port.
  const child = spawn(binary, ['-http-addr', `127.0.0.1:${port}`, '-https-addr', '127.0.0.1:'], { stdio: 'ignore' });
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
