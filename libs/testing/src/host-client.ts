import { request } from 'node:http';

export interface HostAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  // Tests assert on answers field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/**
 * An HTTP client for one virtual host on a loopback server, with a cookie jar, like a browser
 * tab. (fetch drops a Host header and Node does not resolve *.localhost, so it connects to the
 * server's address and sends the store's Host.)
 */
export class HostClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    readonly host: string,
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  get(path: string, headers: Record<string, string> = {}): Promise<HostAnswer> {
    return this.send('GET', path, undefined, headers);
  }

  json(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HostAnswer> {
    return this.send(method, path, body === undefined ? undefined : JSON.stringify(body), {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    });
  }

  form(path: string, fields: Record<string, string>): Promise<HostAnswer> {
    return this.send('POST', path, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  }

  send(method: string, path: string, body: string | undefined, headers: Record<string, string> = {}): Promise<HostAnswer> {
    const url = new URL(path, this.baseUrl);
    const cookieHeader = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          headers: {
            host: this.host,
            ...(cookieHeader ? { cookie: cookieHeader } : {}),
            ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
            ...headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            for (const line of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
              const [pair] = line.split(';');
              const eq = pair!.indexOf('=');
              this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
            }
            const isJson = String(res.headers['content-type'] ?? '').startsWith('application/json');
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: isJson && text ? JSON.parse(text) : undefined });
          });
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}
