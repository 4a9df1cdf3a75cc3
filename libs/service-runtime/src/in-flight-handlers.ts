import type { FastifyInstance } from 'fastify';

/**
 * Requests whose handler has not answered yet. Fastify's close waits for open connections only:
 * a client that gave up (a load generator stopping, a browser tab closed) leaves its handler
 * running with no socket, and closing pools under it fails its last writes (ioredis EPIPE).
 */
export class InFlightHandlers {
  private readonly pending = new Set<string>();
  private idle: (() => void) | undefined;

  track(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, _reply, done) => {
      this.pending.add(request.id);
      done();
    });
    // onSend runs when the handler (or the error handler) answers, whether or not the client
    // is still there; onResponse covers a reply that skips it.
    fastify.addHook('onSend', (request, _reply, payload, done) => {
      this.finish(request.id);
      done(null, payload);
    });
    fastify.addHook('onResponse', (request, _reply, done) => {
      this.finish(request.id);
      done();
    });
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves when every handler answered, or after `timeoutMs` so a stuck one cannot block shutdown. */
  async drained(timeoutMs: number): Promise<boolean> {
    if (this.pending.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => (this.idle = () => resolve(true)));
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([idle, timeout]);
    } finally {
      clearTimeout(timer);
      this.idle = undefined;
    }
  }

  private finish(id: string): void {
    if (this.pending.delete(id) && this.pending.size === 0) this.idle?.();
  }
}
