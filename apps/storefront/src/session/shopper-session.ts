import { randomBytes } from 'node:crypto';

export interface ShopperSessionData {
  cartId?: string;
  customerId?: string;
  email?: string;
  /** The order this browser placed last, so a guest can see its confirmation and nobody else's. */
  lastOrderId?: string;
}

/**
 * One browser's session with one store. Created lazily: browsing needs none, so anonymous
 * product views do not fill Redis; the first cart or account action creates it.
 */
export class ShopperSession {
  private changed = false;
  private previousId: string | null = null;

  constructor(
    private sessionId: string | null,
    private data: ShopperSessionData,
  ) {}

  static newId(): string {
    return randomBytes(32).toString('base64url');
  }

  get id(): string | null {
    return this.sessionId;
  }

  get cartId(): string | null {
    return this.data.cartId ?? null;
  }

  get customerId(): string | null {
    return this.data.customerId ?? null;
  }

  get lastOrderId(): string | null {
    return this.data.lastOrderId ?? null;
  }

  get email(): string | null {
    return this.data.email ?? null;
  }

  get dirty(): boolean {
    return this.changed;
  }

  /** The id this session had before `rotate()`, to delete server-side. */
  get replacedId(): string | null {
    return this.previousId;
  }

  snapshot(): ShopperSessionData {
    return { ...this.data };
  }

  update(patch: ShopperSessionData): void {
    this.data = { ...this.data, ...patch };
    if (!this.sessionId) this.sessionId = ShopperSession.newId();
    this.changed = true;
  }

  /** New id at sign-in and sign-out, so a session id seen before cannot ride the new state. */
  rotate(data: ShopperSessionData): void {
    this.previousId = this.sessionId;
    this.sessionId = ShopperSession.newId();
    this.data = { ...data };
    this.changed = true;
  }
}
