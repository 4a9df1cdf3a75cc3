import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSecretCanariesInLogs, SECRET_CANARIES } from './test-logs';

describe("the run's log scan for leaked secrets", () => {
  // A directory of its own: a canary written to this run's log directory would fail the run.
  const directory = mkdtempSync(join(tmpdir(), 'log-scan-'));

  it('finds a canary in any log line and names the file; clean logs pass', () => {
    writeFileSync(join(directory, 'clean.jsonl'), '{"msg":"sk_test_…9f2c is a hint, not a key"}\n');
    expect(findSecretCanariesInLogs(directory)).toEqual([]);
    writeFileSync(join(directory, 'checkout-w1.jsonl'), `{"msg":"stripe call","key":"${SECRET_CANARIES.stripeSecretKey}"}\n`);
    expect(findSecretCanariesInLogs(directory)).toEqual([{ file: 'checkout-w1.jsonl', canary: SECRET_CANARIES.stripeSecretKey }]);
  });

  it('knows the run logs to files: the global setup made the directory', () => {
    expect(process.env.TEST_LOG_DIR).toMatch(/\.data\/test\/logs$/);
  });
});
