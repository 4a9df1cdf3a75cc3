import { existsSync, writeFileSync, unlinkSync, mkdirSync } from 'node:fs';
import { runCommand, isRoot } from './run-command';

const POLICY_RC_D = '/usr/sbin/policy-rc.d';
const CREATECLUSTER_CONF = '/etc/postgresql-common/createcluster.conf';

/**
 * Installs Debian packages without letting their maintainer scripts start system services:
 * those would take the standard ports (5432, 6379), which this project must never touch.
 */
export async function installDebianPackages(packages: readonly string[], log: (line: string) => void): Promise<void> {
  if (!isRoot() || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `Missing ${packages.join(', ')}. Install them (Debian: apt-get install ${packages.join(' ')}) ` +
        'or point DATABASE_URL / REDIS_URL at running servers.',
    );
  }
  const ownsPolicy = !existsSync(POLICY_RC_D);
  if (ownsPolicy) {
    // exit 101 = "action forbidden by policy": invoke-rc.d then starts nothing.
    writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  }
  if (!existsSync(CREATECLUSTER_CONF)) {
    // The postgresql package would otherwise create and start a "main" cluster on port 5432.
    mkdirSync('/etc/postgresql-common', { recursive: true });
    writeFileSync(CREATECLUSTER_CONF, 'create_main_cluster = false\n');
  }
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    log(`installing ${packages.join(', ')} with apt-get`);
    await runCommand('apt-get', ['update', '-qq'], { env, timeoutMs: 600_000 });
    await runCommand(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', '-o', 'Dpkg::Options::=--force-confold', ...packages],
      { env, timeoutMs: 900_000 },
    );
  } finally {
    if (ownsPolicy) unlinkSync(POLICY_RC_D);
  }
}
