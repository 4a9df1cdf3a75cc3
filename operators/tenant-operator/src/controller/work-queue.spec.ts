import { WorkQueue } from './work-queue';

describe('work queue', () => {
  it('hands out a key added many times once', async () => {
    const queue = new WorkQueue();
    for (let i = 0; i < 5; i++) queue.add('shop/a');
    queue.add('shop/b');
    expect(queue.length).toBe(2);
    expect(await queue.get()).toBe('shop/a');
    expect(await queue.get()).toBe('shop/b');
    expect(queue.length).toBe(0);
  });

  it('never gives a key to two workers at once, and re-queues it when added during processing', async () => {
    const queue = new WorkQueue();
    queue.add('shop/a');
    const key = await queue.get();
    queue.add('shop/a');
    expect(queue.length).toBe(0);
    const second = queue.get();
    let handedOut = false;
    void second.then(() => (handedOut = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(handedOut).toBe(false);
    queue.done(key!);
    expect(await second).toBe('shop/a');
  });

  it('backs off exponentially per key until forgotten', () => {
    const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 100 });
    expect([1, 2, 3, 4, 5].map(() => queue.addRateLimited('shop/a'))).toEqual([10, 20, 40, 80, 100]);
    expect(queue.addRateLimited('shop/b')).toBe(10);
    queue.forget('shop/a');
    expect(queue.addRateLimited('shop/a')).toBe(10);
    queue.shutDown();
  });

  it('brings a rate-limited key back after its delay', async () => {
    const queue = new WorkQueue({ baseDelayMs: 30 });
    const started = Date.now();
    queue.addRateLimited('shop/a');
    expect(queue.length).toBe(0);
    expect(await queue.get()).toBe('shop/a');
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('releases waiting workers on shutdown', async () => {
    const queue = new WorkQueue();
    const waiting = queue.get();
    queue.shutDown();
    expect(await waiting).toBeUndefined();
    queue.add('shop/a');
    expect(await queue.get()).toBeUndefined();
  });
});
