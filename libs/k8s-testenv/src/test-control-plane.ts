/**
 * Test-only Kubernetes control plane (in the spirit of controller-runtime's
 * envtest): a real etcd + kube-apiserver on loopback ports, no kubelet, no
 * controller-manager, no scheduler. Pods never run; objects are only stored and
 * validated, which is what operator and Helm chart tests need.
 *
 * Only Node built-ins are used so the module works before any workspace
 * dependency is installed.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { findFreePortRange } from '@storefront/dev-services';

/** A user authenticated by a static bearer token (e.g. to act like a ServiceAccount with limited RBAC). */
export interface TokenUserSpec {
  /** User name as seen by RBAC, e.g. `system:serviceaccount:shop:operator` or `alice`. */
  name: string;
  /** Groups as seen by RBAC. No group means no permissions until RBAC grants some. */
  groups?: string[];
}

export interface TokenUser {
  name: string;
  groups: string[];
  token: string;
  /** Kubeconfig that authenticates as this user (usable with helm/kubectl `--kubeconfig`). */
  kubeconfigPath: string;
}

export interface TestControlPlaneOptions {
  /** Directory with kube-apiserver, etcd and helm. Default: $K8S_TESTENV_BIN_DIR, else built/cached by scripts/build-binaries.sh. */
  binDir?: string;
  /** Extra token users. The token file is read once at start-up, so they must be declared here. */
  users?: TokenUserSpec[];
  /** How long to wait for etcd and kube-apiserver to become ready (default 90 s). */
  startTimeoutMs?: number;
  /** How long a first-time build of the binaries may take (default 90 min; cached runs take < 1 s). */
  buildTimeoutMs?: number;
  /** Extra kube-apiserver flags, appended last so they override the defaults, e.g. `--feature-gates=...`. */
  extraApiServerArgs?: string[];
  /** Keep the temp dir (certs, logs, etcd data) after stop() for debugging. Also enabled by K8S_TESTENV_KEEP_TMP=1. */
  keepTempDir?: boolean;
}

export interface TestControlPlane {
  /** e.g. https://127.0.0.1:41234 */
  server: string;
  /** CA that signed the serving certificate. */
  caFile: string;
  /** Bearer token of the admin user (group system:masters, bypasses RBAC). */
  token: string;
  /** Kubeconfig for the admin user. */
  kubeconfigPath: string;
  /** The extra users from options.users, in the same order. */
  users: TokenUser[];
  /** Where kube-apiserver, etcd and helm live; e.g. `path.join(binDir, 'helm')`. */
  binDir: string;
  /** Env for running helm hermetically against this control plane (own cache/config/data dirs, KUBECONFIG=admin). */
  helmEnv: Record<string, string>;
  /** Temp dir with certs, logs (etcd.log, kube-apiserver.log) and etcd data. */
  dir: string;
  /** Stops both processes (SIGTERM, then SIGKILL) and removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

const SERVICE_CLUSTER_IP_RANGE = '10.0.0.0/24';
const STOP_GRACE_MS = 5_000;

export async function startTestControlPlane(options: TestControlPlaneOptions = {}): Promise<TestControlPlane> {
  const binDir = options.binDir ?? process.env.K8S_TESTENV_BIN_DIR ?? (await ensureBinaries(options.buildTimeoutMs));
  await assertOpenssl();
  const startTimeoutMs = options.startTimeoutMs ?? 90_000;
  const keepTempDir = options.keepTempDir ?? process.env.K8S_TESTENV_KEEP_TMP === '1';

  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'k8s-testenv-'));
  const children: ChildProcess[] = [];
  // If the test runner exits without calling stop(), do not leak a kube-apiserver,
  // nor (best effort, etcd may still be dying) the temp dir with etcd's 64 MB WAL.
  const killOnExit = (): void => {
    children.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL'));
    if (!keepTempDir) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('exit', killOnExit);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // API server first so it does not log etcd connection errors while shutting down.
    for (const child of [...children].reverse()) await terminate(child);
    process.removeListener('exit', killOnExit);
    if (!keepTempDir) await fs.promises.rm(dir, { recursive: true, force: true });
  };

  try {
    const pki = await createPki(dir);
    // Below the ephemeral range (dev-services): a port found free by listen(0) could be taken by an
    // outgoing connection of another test before etcd or the API server binds it (EADDRINUSE).
    const base = await findFreePortRange(3);
    const [etcdClientPort, etcdPeerPort, apiPort] = [base, base + 1, base + 2];

    const etcdUrl = `http://127.0.0.1:${etcdClientPort}`;
    const peerUrl = `http://127.0.0.1:${etcdPeerPort}`;
    const etcd = startProcess(path.join(binDir, 'etcd'), [
      '--name=testenv',
      `--data-dir=${path.join(dir, 'etcd-data')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=testenv=${peerUrl}`,
      // Throwaway data: durability is irrelevant and fsync dominates write latency.
      '--unsafe-no-fsync',
      '--log-level=warn',
    ], path.join(dir, 'etcd.log'));
    children.push(etcd.child);
    const deadline = Date.now() + startTimeoutMs;
    await waitUntilReady('etcd', etcd, deadline, () => httpGetStatus(`${etcdUrl}/health`));

    const adminToken = newToken();
    const users = (options.users ?? []).map((u) => ({ name: u.name, groups: u.groups ?? [], token: newToken() }));
    // Static token file (CSV): token,user,uid[,"group1,group2"]. The group column is
    // omitted when empty, as the apiserver would otherwise record a group named "".
    const csv = (v: string): string => `"${v.replace(/"/g, '""')}"`;
    const tokenLines = [{ name: 'testenv-admin', groups: ['system:masters'], token: adminToken }, ...users].map((u) =>
      [u.token, u.name, u.name, ...(u.groups.length ? [u.groups.join(',')] : [])].map(csv).join(','),
    );
    const tokenFile = path.join(dir, 'tokens.csv');
    await fs.promises.writeFile(tokenFile, tokenLines.join('\n') + '\n', { mode: 0o600 });

    const server = `https://127.0.0.1:${apiPort}`;
    const apiServer = startProcess(path.join(binDir, 'kube-apiserver'), [
      '--advertise-address=127.0.0.1',
      '--bind-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--tls-cert-file=${pki.servingCert}`,
      `--tls-private-key-file=${pki.servingKey}`,
      `--client-ca-file=${pki.caCert}`,
      `--etcd-servers=${etcdUrl}`,
      `--service-cluster-ip-range=${SERVICE_CLUSTER_IP_RANGE}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${pki.saPublicKey}`,
      `--service-account-signing-key-file=${pki.saPrivateKey}`,
      '--authorization-mode=RBAC',
      `--token-auth-file=${tokenFile}`,
      '--allow-privileged=true',
      // No controller-manager creates the "default" ServiceAccount in namespaces, so
      // this admission plugin would reject every Pod a test creates.
      '--disable-admission-plugins=ServiceAccount',
      ...(options.extraApiServerArgs ?? []),
    ], path.join(dir, 'kube-apiserver.log'));
    children.push(apiServer.child);
    // /readyz only turns 200 once etcd is reachable and RBAC bootstrap policy is in place.
    await waitUntilReady('kube-apiserver', apiServer, deadline, () =>
      httpsGetStatus(`${server}/readyz`, pki.caCert, adminToken),
    );

    const kubeconfigPath = path.join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfigPath, server, pki.caCert, 'testenv-admin', adminToken);
    const tokenUsers: TokenUser[] = [];
    for (const [i, u] of users.entries()) {
      const file = path.join(dir, `kubeconfig-user-${i}`);
      await writeKubeconfig(file, server, pki.caCert, u.name, u.token);
      tokenUsers.push({ ...u, kubeconfigPath: file });
    }

    const helmEnv = {
      KUBECONFIG: kubeconfigPath,
      HELM_CACHE_HOME: path.join(dir, 'helm', 'cache'),
      HELM_CONFIG_HOME: path.join(dir, 'helm', 'config'),
      HELM_DATA_HOME: path.join(dir, 'helm', 'data'),
    };
    return { server, caFile: pki.caCert, token: adminToken, kubeconfigPath, users: tokenUsers, binDir, helmEnv, dir, stop };
  } catch (err) {
    if (keepTempDir && err instanceof Error) err.message += `\n(temp dir kept: ${dir})`;
    await stop();
    throw err;
  }
}

// ---------- binaries ----------

/**
 * Runs scripts/build-binaries.sh (idempotent, fast when cached) and returns the bin dir it prints
 * last. The test suite calls it before the first test file, so no hook ever waits on a build.
 */
export async function ensureBinaries(timeoutMs = 90 * 60_000): Promise<string> {
  const script = findBuildScript();
  const stdout = await new Promise<string>((resolve, reject) => {
    // stderr is inherited: a first-time build takes many minutes and should show progress.
    const child = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'], timeout: timeoutMs });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve(out) : reject(new Error(`${script} failed (exit ${code ?? signal}); see its output above`)),
    );
  });
  const binDir = stdout.trim().split('\n').pop() ?? '';
  if (!binDir || !fs.existsSync(path.join(binDir, 'kube-apiserver'))) {
    throw new Error(`${script} did not report a bin dir with kube-apiserver (got ${JSON.stringify(binDir)})`);
  }
  return binDir;
}

/** The build script beside this library's source, unless K8S_TESTENV_BUILD_SCRIPT names another. */
function findBuildScript(): string {
  const script = process.env.K8S_TESTENV_BUILD_SCRIPT ?? path.resolve(__dirname, '..', 'scripts', 'build-binaries.sh');
  if (!fs.existsSync(script)) throw new Error(`cannot find ${script}; set K8S_TESTENV_BUILD_SCRIPT or K8S_TESTENV_BIN_DIR`);
  return script;
}


// ---------- PKI (openssl CLI: Node can make keys but not X.509 certificates) ----------

interface Pki {
  caCert: string;
  servingCert: string;
  servingKey: string;
  saPrivateKey: string;
  saPublicKey: string;
}

function run(file: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd }, (err, stdout, stderr) =>
      err ? reject(new Error(`${file} ${args.join(' ')} failed: ${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

async function assertOpenssl(): Promise<void> {
  try {
    await run('openssl', ['version']);
  } catch (err) {
    throw new Error(`the openssl CLI is required to create test certificates (apt-get install openssl): ${String(err)}`);
  }
}

async function createPki(dir: string): Promise<Pki> {
  const pki = path.join(dir, 'pki');
  await fs.promises.mkdir(pki, { mode: 0o700 });
  const p = (name: string): string => path.join(pki, name);
  // EC P-256 keys: generated instantly, accepted by kube-apiserver and Go/Node TLS clients.
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

  await run('openssl', ['req', '-x509', ...ecKey, '-keyout', p('ca.key'), '-out', p('ca.crt'),
    '-days', '7', '-subj', '/CN=k8s-testenv-ca']);

  // SANs cover how clients reach the server: loopback, plus the in-cluster names and
  // the first service IP that kube-apiserver itself advertises for the "kubernetes" Service.
  await fs.promises.writeFile(p('serving.ext'), [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local',
    '',
  ].join('\n'));
  await run('openssl', ['req', '-new', ...ecKey, '-keyout', p('serving.key'), '-out', p('serving.csr'),
    '-subj', '/CN=kube-apiserver']);
  await run('openssl', ['x509', '-req', '-in', p('serving.csr'), '-CA', p('ca.crt'), '-CAkey', p('ca.key'),
    '-CAcreateserial', '-out', p('serving.crt'), '-days', '7', '-extfile', p('serving.ext')]);

  // ServiceAccount token signing key pair (RS256, the Kubernetes default).
  await run('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', p('sa.key')]);
  await run('openssl', ['pkey', '-in', p('sa.key'), '-pubout', '-out', p('sa.pub')]);

  return { caCert: p('ca.crt'), servingCert: p('serving.crt'), servingKey: p('serving.key'),
    saPrivateKey: p('sa.key'), saPublicKey: p('sa.pub') };
}

// ---------- processes ----------

interface Started {
  child: ChildProcess;
  logFile: string;
}

function startProcess(bin: string, args: string[], logFile: string): Started {
  // Output goes straight to a file: no pipe to drain, and the log survives for post-mortems.
  const fd = fs.openSync(logFile, 'a');
  try {
    const child = spawn(bin, args, { stdio: ['ignore', fd, fd] });
    child.on('error', () => undefined); // reported through exitCode / waitUntilReady instead
    return { child, logFile };
  } finally {
    fs.closeSync(fd);
  }
}

async function waitUntilReady(name: string, proc: Started, deadline: number, probe: () => Promise<number>): Promise<void> {
  let last = 'no response yet';
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${name} exited (${proc.child.exitCode ?? proc.child.signalCode}) before becoming ready.\n${logTail(proc.logFile)}`);
    }
    try {
      const status = await probe();
      if (status === 200) return;
      last = `HTTP ${status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${name} not ready in time (last probe: ${last}).\n${logTail(proc.logFile)}`);
}

function logTail(file: string, lines = 40): string {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    return `--- last ${lines} lines of ${file} ---\n${text}`;
  } catch {
    return `(no log at ${file})`;
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const graceful = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (!graceful) {
    child.kill('SIGKILL');
    await exited;
  }
}

// ---------- small helpers ----------

function httpGetStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

function httpsGetStatus(url: string, caFile: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, {
      ca: fs.readFileSync(caFile),
      headers: { Authorization: `Bearer ${token}` },
      timeout: 2_000,
    }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

async function writeKubeconfig(file: string, server: string, caFile: string, user: string, token: string): Promise<void> {
  // JSON is valid YAML, and JSON.stringify quotes names like "system:serviceaccount:a:b" safely.
  const q = (s: string): string => JSON.stringify(s);
  const text = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: testenv',
    '  cluster:',
    `    server: ${q(server)}`,
    `    certificate-authority: ${q(caFile)}`,
    'users:',
    `- name: ${q(user)}`,
    '  user:',
    `    token: ${q(token)}`,
    'contexts:',
    '- name: testenv',
    '  context:',
    '    cluster: testenv',
    `    user: ${q(user)}`,
    '    namespace: default',
    'current-context: testenv',
    '',
  ].join('\n');
  await fs.promises.writeFile(file, text, { mode: 0o600 });
}

function newToken(): string {
  return randomBytes(24).toString('hex');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
