import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis } from './redis-server';

describe('private Redis server', () => {
  it('stops without leaving a timer armed, so the process that stopped it can exit at once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redis-server-spec-'));
    const redis = await startRedis({ dataDir, log: () => undefined });
    const armed = new Set<unknown>();
    const setTimer = jest.spyOn(global, 'setTimeout');
    const clearTimer = jest.spyOn(global, 'clearTimeout');
    try {
      await redis.stop();
      setTimer.mock.results.forEach((result) => armed.add(result.value));
      clearTimer.mock.calls.forEach(([timer]) => armed.delete(timer));
      // ioredis arms a 2 s timer when a closed connection is disconnected again; it kept Jest alive.
      expect([...armed].map((timer) => (timer as { _idleTimeout?: number })._idleTimeout)).toEqual([]);
    } finally {
      setTimer.mockRestore();
      clearTimer.mockRestore();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
