import { goEnvironment, toolCacheRoot } from '@storefront/dev-services';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { prepareTestPrerequisites, TestPrerequisiteError, type TestPrerequisite } from './test-prerequisites';

const ready = (name: string, exported: Record<string, string> = {}): TestPrerequisite & { calls: number } => {
  const prerequisite = { name, retry: `retry ${name}`, calls: 0, prepare: async () => (prerequisite.calls++, exported) };
  return prerequisite;
};

describe('test prerequisites', () => {
  const lines: string[] = [];
  const log = (line: string): void => void lines.push(line);
  beforeEach(() => (lines.length = 0));

  it('stops at the first failure with one message naming the step, its cause and how to retry', async () => {
    const after = ready('after');
    const failing: TestPrerequisite = {
      name: 'the control plane',
      retry: 'bash build.sh',
      prepare: async () => {
        throw new Error('go: module lookup refused');
      },
    };
    const error = await prepareTestPrerequisites([ready('before'), failing, after], log).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestPrerequisiteError);
    expect((error as Error).stack).toBe(
      'Test prerequisite "the control plane" could not be made ready, so no test ran.\n' +
        '  cause: go: module lookup refused\n' +
        '  retry: bash build.sh, then run the tests again.',
    );
    expect(after.calls).toBe(0);
  });

  it('exports what a step reports to the workers, skips steps the run does not need, and logs progress', async () => {
    const exporting = ready('binaries', { STOREFRONT_TEST_PREREQUISITE_PROBE: '/cache/bin' });
    const skipped = { ...ready('packages'), neededWhen: () => false };
    try {
      await prepareTestPrerequisites([exporting, skipped], log);
      expect(process.env.STOREFRONT_TEST_PREREQUISITE_PROBE).toBe('/cache/bin');
      expect(skipped.calls).toBe(0);
      expect(lines.filter((line) => line.startsWith('(1/1) binaries'))).toHaveLength(2);
    } finally {
      delete process.env.STOREFRONT_TEST_PREREQUISITE_PROBE;
    }
  });

  it('puts every cache, Go modules and builds included, under STOREFRONT_CACHE_HOME when it is set', () => {
    const cold = { STOREFRONT_CACHE_HOME: '/tmp/cold-cache' };
    expect(toolCacheRoot(cold)).toBe('/tmp/cold-cache');
    expect(goEnvironment(cold)).toMatchObject({ GOMODCACHE: '/tmp/cold-cache/go/pkg/mod', GOCACHE: '/tmp/cold-cache/go-build', GOPATH: '/tmp/cold-cache/go' });
    expect(toolCacheRoot({})).toBe(join(homedir(), '.cache', 'storefront-platform'));
    expect(goEnvironment({}).GOMODCACHE).toBeUndefined();
  });
});
