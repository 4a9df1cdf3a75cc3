import { Resolver } from 'node:dns/promises';

/** Looks up TXT records; swappable so deployments can use a DNS-over-HTTPS or provider API. */
export interface DnsTxtResolver {
  /** Every TXT string at `name` (chunks of one record joined); none when the name does not exist. */
  resolveTxt(name: string): Promise<string[]>;
}

const ABSENT = new Set(['ENOTFOUND', 'ENODATA', 'ENONAME']);

/** Default: the system resolver, or the given servers (`host` or `host:port`), e.g. PLATFORM_DNS_SERVERS. */
export class SystemDnsTxtResolver implements DnsTxtResolver {
  private readonly resolver = new Resolver({ timeout: 3_000, tries: 2 });

  constructor(servers: readonly string[] = []) {
    if (servers.length > 0) this.resolver.setServers([...servers]);
  }

  async resolveTxt(name: string): Promise<string[]> {
    try {
      return (await this.resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
    } catch (error) {
      if (ABSENT.has((error as { code?: string }).code ?? '')) return [];
      throw error;
    }
  }
}
