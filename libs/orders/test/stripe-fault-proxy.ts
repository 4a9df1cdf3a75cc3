/**
 * A hop in front of stripe-mock for tests: records what the SDK really sends, and injects the
 * faults stripe-mock cannot (a slow answer after the charge was taken) or answers what it never
 * does (a PaymentIntent that succeeded: its fixtures stay `requires_payment_method`).
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SeenStripeRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface StripeFaultProxyOptions {
  /** Rewrites PaymentIntents (created, confirmed, retrieved) to `succeeded`, as a real card payment ends. */
  readonly succeedPaymentIntents?: boolean;
  /** Delays the answer to the first PaymentIntent confirmation (the charge), after stripe-mock has taken it. */
  readonly delayFirstConfirmMs?: number;
}

export interface StripeFaultProxy {
  readonly url: string;
  readonly seen: SeenStripeRequest[];
  close(): Promise<void>;
}

export async function startStripeFaultProxy(stripeMockUrl: string, options: StripeFaultProxyOptions = {}): Promise<StripeFaultProxy> {
  const target = new URL(stripeMockUrl);
  const seen: SeenStripeRequest[] = [];
  let confirmations = 0;
  const closing = new AbortController();
  const server: Server = createServer((incoming, outgoing) => {
    const path = incoming.url!.split('?')[0]!;
    const intent = /^\/v1\/payment_intents(\/pi_[A-Za-z0-9]+(\/confirm)?)?$/.test(path);
    const confirming = incoming.method === 'POST' && path.endsWith('/confirm');
    seen.push({ method: incoming.method!, path, headers: incoming.headers });
    const delayMs = confirming && confirmations++ === 0 ? (options.delayFirstConfirmMs ?? 0) : 0;
    const forward = request({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        void (async () => {
          let body = Buffer.concat(chunks);
          if (intent && options.succeedPaymentIntents && answer.statusCode === 200) {
            body = Buffer.from(JSON.stringify({ ...(JSON.parse(body.toString()) as object), status: 'succeeded' }));
          }
          if (delayMs > 0) await sleep(delayMs, undefined, { signal: closing.signal }).catch(() => undefined);
          if (outgoing.destroyed) return; // the client gave up waiting: the charge stands all the same
          const headers = { ...answer.headers, 'content-length': String(body.length) };
          delete headers['transfer-encoding'];
          outgoing.writeHead(answer.statusCode!, headers);
          outgoing.end(body);
        })();
      });
    });
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
