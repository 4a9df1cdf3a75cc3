import { createSocket, type Socket } from 'node:dgram';

/**
 * A real (tiny) authoritative DNS server on 127.0.0.1 for tests: answers TXT queries for the
 * names it was given, NXDOMAIN for everything else. Enough for the resolver in node:dns.
 */
export class TestDnsServer {
  private readonly records = new Map<string, string[]>();

  private constructor(
    private readonly socket: Socket,
    readonly address: string,
  ) {}

  static async start(): Promise<TestDnsServer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const server = new TestDnsServer(socket, `127.0.0.1:${socket.address().port}`);
    socket.on('message', (query, peer) => socket.send(server.answer(query), peer.port, peer.address));
    return server;
  }

  setTxt(name: string, values: string[]): void {
    this.records.set(name.toLowerCase(), values);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private answer(query: Buffer): Buffer {
    // Question: labels from offset 12 up to a zero byte, then QTYPE and QCLASS.
    let offset = 12;
    const labels: string[] = [];
    while (query[offset]! !== 0) {
      const length = query[offset]!;
      labels.push(query.subarray(offset + 1, offset + 1 + length).toString('ascii'));
      offset += length + 1;
    }
    const questionEnd = offset + 5;
    const type = query.readUInt16BE(offset + 1);
    const values = type === 16 ? this.records.get(labels.join('.').toLowerCase()) : undefined;

    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // same id
    header.writeUInt16BE(values ? 0x8580 : 0x8583, 2); // response, authoritative, recursion; NOERROR or NXDOMAIN
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(values?.length ?? 0, 6);
    const answers = (values ?? []).map((value) => {
      const text = Buffer.from(value, 'utf8');
      const record = Buffer.alloc(12);
      record.writeUInt16BE(0xc00c, 0); // name: pointer to the question
      record.writeUInt16BE(16, 2); // TXT
      record.writeUInt16BE(1, 4); // IN
      record.writeUInt32BE(60, 6);
      record.writeUInt16BE(text.length + 1, 10);
      return Buffer.concat([record, Buffer.from([text.length]), text]);
    });
    return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
  }
}
