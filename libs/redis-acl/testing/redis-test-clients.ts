import Redis from 'ioredis';

/**
 * The connections a test opens as one user or another. Each fails fast (no retries, no
 * reconnect), so a refused login or command is the test's answer rather than a hang.
 */
export class RedisTestClients {
  private readonly clients: Redis[] = [];

  /** Connected and answering, or rejected with Redis's reason (WRONGPASS, NOPERM). */
  async connectAs(url: string): Promise<Redis> {
    const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    this.clients.push(client);
    await client.ping();
    return client;
  }

  disconnectAll(): void {
    this.clients.forEach((client) => client.disconnect());
  }
}
