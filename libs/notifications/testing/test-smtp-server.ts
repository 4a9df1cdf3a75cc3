/** A real SMTP server for tests (smtp-server), keeping what it accepted, decoded. */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedEmail {
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly messageId: string;
  readonly html: string;
  readonly text: string;
  readonly raw: string;
}

export interface TestSmtpServer {
  readonly url: string;
  readonly received: ReceivedEmail[];
  /** Called as a message's data starts arriving; return a promise to hold the server's answer. */
  onMessage?: (rcpt: string[]) => Promise<void> | void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  close(): Promise<void>;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  const handle: TestSmtpServer = {
    url: '',
    received,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      if (received.length < count) throw new Error(`expected ${count} emails, got ${received.length}`);
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let closed = false;
      // A client that vanished before our answer did not hand the message over (RFC 5321 4.1.1.4).
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const rcpt = session.envelope.rcptTo.map((r) => r.address);
        try {
          await handle.onMessage?.(rcpt);
        } catch {
          closed = true;
        }
        if (closed) return callback(new Error('aborted'));
        received.push(parse(Buffer.concat(chunks).toString('utf8'), session.envelope.mailFrom ? session.envelope.mailFrom.address : '', rcpt));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  (handle as { url: string }).url = `smtp://127.0.0.1:${port}`;
  return handle;
}

function parse(raw: string, from: string, to: string[]): ReceivedEmail {
  const [head] = raw.split(/\r?\n\r?\n/, 1);
  const header = (name: string) => unfold(head!).match(new RegExp(`^${name}:\\s*(.*)$`, 'im'))?.[1]?.trim() ?? '';
  return {
    from,
    to,
    subject: decodeWords(header('Subject')),
    messageId: header('Message-ID'),
    html: partOf(raw, 'text/html'),
    text: partOf(raw, 'text/plain'),
    raw,
  };
}

function unfold(head: string): string {
  return head.replace(/\r?\n[ \t]+/g, ' ');
}

/** The decoded body of the first MIME part of `type`. */
function partOf(raw: string, type: string): string {
  const index = raw.toLowerCase().indexOf(`content-type: ${type}`);
  if (index < 0) return '';
  const rest = raw.slice(index);
  const split = rest.search(/\r?\n\r?\n/);
  const headers = unfold(rest.slice(0, split));
  let body = rest.slice(split).replace(/^\r?\n\r?\n/, '');
  const boundary = body.search(/\r?\n--/);
  if (boundary >= 0) body = body.slice(0, boundary);
  const encoding = headers.match(/content-transfer-encoding:\s*(\S+)/i)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function decodeQuotedPrintable(body: string): string {
  const soft = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=` / `=?UTF-8?B?...?=`). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
