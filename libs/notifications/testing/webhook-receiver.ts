/** A real HTTP server standing in for a merchant's webhook endpoint. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookCall {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly answeredWith: number;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly calls: WebhookCall[];
  /** TCP connections accepted, whether or not a request followed. */
  connections(): number;
  close(): Promise<void>;
}

/** `answer(n, body)` gives the status of the n-th call (0-based), which carried `body`. */
export async function startWebhookReceiver(answer: (call: number, body: string) => number): Promise<WebhookReceiver> {
  const calls: WebhookCall[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = answer(calls.length, body);
      calls.push({ headers: request.headers, body, answeredWith: status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
    });
  });
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    calls,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
