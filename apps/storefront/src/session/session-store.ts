import type Redis from 'ioredis';
import { ShopperSession, type ShopperSessionData } from './shopper-session';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Sessions in Redis under `storefront:session:<tenant>:<id>`: the tenant is part of the key, so a
 * session id from one store means nothing at another, even if a browser sent it there.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  async load(tenantId: string, sessionId: string | undefined): Promise<ShopperSession> {
    if (!sessionId || !SESSION_ID.test(sessionId)) return new ShopperSession(null, {});
    const stored = await this.redis.get(this.key(tenantId, sessionId));
    if (stored === null) return new ShopperSession(null, {});
    return new ShopperSession(sessionId, JSON.parse(stored) as ShopperSessionData);
  }

  async save(tenantId: string, session: ShopperSession): Promise<void> {
    if (!session.id) return;
    const multi = this.redis.multi().set(this.key(tenantId, session.id), JSON.stringify(session.snapshot()), 'EX', this.ttlSeconds);
    if (session.replacedId) multi.del(this.key(tenantId, session.replacedId));
    await multi.exec();
  }

  private key(tenantId: string, sessionId: string): string {
    return `storefront:session:${tenantId}:${sessionId}`;
  }
}
