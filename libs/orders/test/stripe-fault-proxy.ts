/**
 * A hop in front of stripe-mock for tests: records what the SDK really sends, and injects the
 * faults stripe-mock cannot (a slow answer after the charge was taken) or answers what it never
 * does (a PaymentIntent that succeeded: its fixtures stay `requires_payment_method`).
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startStripeMock, type StripeMockServer } from './stripe-mock-server';

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
  /** Answers confirmations with `requires_action` and a redirect, as a card that needs 3-D Secure does. */
  readonly requireAction?: boolean;
}

export interface StripeFaultProxy {
  readonly url: string;
  readonly seen: SeenStripeRequest[];
  /** What a retrieved PaymentIntent says from now on, e.g. `succeeded` once the shopper authenticated. */
  retrievedStatus: string | undefined;
  /**
   * Resolves once no request is in flight (a delayed answer delivered), so a client that gave up
   * waiting is not left retrying against a closed port after its test file ended.
   */
  idle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Where a `requires_action` answer sends the shopper (Stripe's authentication page). */
export const STRIPE_AUTHENTICATION_URL = 'https://hooks.stripe.com/3d_secure_2/authenticate/test';

export async function startStripeFaultProxy(stripeMockUrl: string, options: StripeFaultProxyOptions = {}): Promise<StripeFaultProxy> {
  const target = new URL(stripeMockUrl);
  const seen: SeenStripeRequest[] = [];
  let confirmations = 0;
  const closing = new AbortController();
  const state = { retrievedStatus: undefined as string | undefined, inFlight: 0 };
  const server: Server = createServer((incoming, outgoing) => {
    const path = incoming.url!.split('?')[0]!;
    const intent = /^\/v1\/payment_intents(\/pi_[A-Za-z0-9]+(\/confirm)?)?$/.test(path);
    const confirming = incoming.method === 'POST' && path.endsWith('/confirm');
    // A cancelled intent says so when retrieved afterwards (stripe-mock keeps no state).
    if (incoming.method === 'POST' && /^\/v1\/payment_intents\/pi_[A-Za-z0-9]+\/cancel$/.test(path)) state.retrievedStatus = 'canceled';
    seen.push({ method: incoming.method!, path, headers: incoming.headers });
    state.inFlight++;
    outgoing.once('close', () => state.inFlight--);
    const delayMs = confirming && confirmations++ === 0 ? (options.delayFirstConfirmMs ?? 0) : 0;
    const forward = request({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        void (async () => {
          let body = Buffer.concat(chunks);
          const rewrite = intent && answer.statusCode === 200 ? rewrittenIntent(confirming, incoming.method === 'GET', options, state.retrievedStatus) : undefined;
          if (rewrite) body = Buffer.from(JSON.stringify({ ...(JSON.parse(body.toString()) as object), ...rewrite }));
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
    get retrievedStatus() {
      return state.retrievedStatus;
    },
    set retrievedStatus(status: string | undefined) {
      state.retrievedStatus = status;
    },
    idle: async (timeoutMs = 10_000) => {
      for (const deadline = Date.now() + timeoutMs; state.inFlight > 0 && Date.now() < deadline; ) await sleep(20);
    },
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The fields a PaymentIntent answer is given instead of stripe-mock's fixture values, if any. */
function rewrittenIntent(confirming: boolean, retrieving: boolean, options: StripeFaultProxyOptions, retrievedStatus: string | undefined): Record<string, unknown> | undefined {
  if (confirming && options.requireAction) {
    return { status: 'requires_action', next_action: { type: 'redirect_to_url', redirect_to_url: { url: STRIPE_AUTHENTICATION_URL, return_url: null } } };
  }
  if (retrieving && retrievedStatus) return { status: retrievedStatus };
  if (options.succeedPaymentIntents) return { status: 'succeeded' };
  return undefined;
}

/**
 * stripe-mock behind a fault proxy for one test file: started in `beforeAll` (stripe-mock may be
 * built then, hence the long timeout), closed in `afterAll`. Read `proxy` inside tests.
 */
export function useStripeFaultProxy(options: StripeFaultProxyOptions = {}): { readonly proxy: StripeFaultProxy } {
  let stripeMock: StripeMockServer | undefined;
  let proxy: StripeFaultProxy | undefined;
  beforeAll(async () => {
    stripeMock = await startStripeMock();
    proxy = await startStripeFaultProxy(stripeMock.url, options);
  }, 600_000);
  afterAll(async () => {
    await proxy?.idle();
    await proxy?.close();
    await stripeMock?.stop();
  });
  return {
    get proxy() {
      return proxy!;
    },
  };
}
