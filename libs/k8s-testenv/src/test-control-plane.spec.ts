import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { startTestControlPlane, type TestControlPlane } from './test-control-plane';

function getJson(plane: TestControlPlane, path: string, token: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${plane.server}${path}`,
      { ca: readFileSync(plane.caFile), headers: { authorization: `Bearer ${token}` } },
      (res) => {
        let data = '';
        res.on('data', (chunk: Buffer) => (data += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('test control plane (real kube-apiserver and etcd)', () => {
  let plane: TestControlPlane;

  // A first run on a fresh machine builds the binaries from Go modules (about 7 minutes on 2 cores).
  beforeAll(async () => {
    plane = await startTestControlPlane({ users: [{ name: 'system:serviceaccount:shop:nobody' }] });
  }, 30 * 60_000);

  afterAll(async () => {
    await plane?.stop();
  });

  it('serves the API to the admin token and applies RBAC to other users', async () => {
    const admin = await getJson(plane, '/api/v1/namespaces', plane.token);
    expect(admin.status).toBe(200);
    const names = (admin.body as { items: { metadata: { name: string } }[] }).items.map((n) => n.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['default', 'kube-system']));

    const nobody = await getJson(plane, '/api/v1/namespaces', plane.users[0]!.token);
    expect(nobody.status).toBe(403);
  });

  it('drives the real helm binary against it', async () => {
    const output = await new Promise<string>((resolve, reject) =>
      execFile(join(plane.binDir, 'helm'), ['list', '--all-namespaces', '--output', 'json'], { env: { ...process.env, ...plane.helmEnv } }, (error, stdout, stderr) =>
        error ? reject(new Error(stderr || error.message)) : resolve(stdout),
      ),
    );
    expect(JSON.parse(output)).toEqual([]);
  });
});
