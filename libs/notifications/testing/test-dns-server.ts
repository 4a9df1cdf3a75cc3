/** A real DNS server on 127.0.0.1 (UDP), whose answers a test can change between queries. */
import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import type { AddressInfo } from 'node:net';
import { decode, encode, type Answer } from 'dns-packet';

export interface DnsQuery {
  readonly name: string;
  readonly type: string;
}

export interface TestDnsServer {
  /** Every question asked, in order. */
  readonly queries: DnsQuery[];
  /** A resolver that asks only this server. */
  resolver(): Resolver;
  close(): Promise<void>;
}

/**
 * `answer(name, type, n)` gives the addresses for the n-th (0-based) query of that name and type;
 * undefined answers NXDOMAIN. An empty list is a name without records of that type.
 */
export async function startTestDnsServer(answer: (name: string, type: 'A' | 'AAAA', n: number) => string[] | undefined): Promise<TestDnsServer> {
  const queries: DnsQuery[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (message, from) => {
    const query = decode(message);
    const question = query.questions?.[0];
    if (!question) return;
    const n = queries.filter((q) => q.name === question.name && q.type === question.type).length;
    queries.push({ name: question.name, type: question.type });
    const addresses = question.type === 'A' || question.type === 'AAAA' ? answer(question.name, question.type, n) : [];
    const answers: Answer[] = (addresses ?? []).map((data) => ({ name: question.name, type: question.type as 'A' | 'AAAA', ttl: 0, class: 'IN', data }));
    const response = encode({
      id: query.id,
      type: 'response',
      flags: (1 << 8) | (1 << 7) | (addresses === undefined ? 3 : 0), // RD, RA, rcode NXDOMAIN or NOERROR
      questions: [question],
      answers,
    });
    socket.send(response, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address() as AddressInfo;
  return {
    queries,
    resolver: () => {
      const resolver = new Resolver({ timeout: 1_000, tries: 1 });
      resolver.setServers([`127.0.0.1:${port}`]);
      return resolver;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
