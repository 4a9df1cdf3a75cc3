import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlatformApiHarness } from '../../test/platform-api-harness';

describe('the console served by the platform API', () => {
  let built: PlatformApiHarness;
  let unbuilt: PlatformApiHarness;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets/app-1234.js'), 'console.log(1)');
    // One after the other: the first start clones this worker's database.
    built = await PlatformApiHarness.start({ PLATFORM_CONSOLE_DIR: dir });
    unbuilt = await PlatformApiHarness.start({ PLATFORM_CONSOLE_DIR: join(dir, 'missing') });
  });

  afterAll(async () => {
    await Promise.all([built?.close(), unbuilt?.close()]);
  });

  it('serves built files, and index.html (never cached) for client-side routes', async () => {
    const asset = await fetch(`${built.api.url}/console/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1)');

    for (const path of ['/console/', '/console/products/new', '/console/tenants/abc']) {
      const page = await fetch(`${built.api.url}${path}`);
      expect({ path, status: page.status }).toEqual({ path, status: 200 });
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await page.text()).toContain('<title>console</title>');
    }
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends / and /console to the console, and leaves the API and its errors alone', async () => {
    for (const path of ['/', '/console']) {
      const answer = await fetch(`${built.api.url}${path}`, { redirect: 'manual' });
      expect(answer.status).toBe(302);
      expect(answer.headers.get('location')).toBe('/console/');
    }
    const api = await built.request('GET', '/api/v1/store');
    expect(api.status).toBe(401);
    expect(api.body).toMatchObject({ statusCode: 401 });
    expect((await built.request('GET', '/api/v1/nothing-here')).status).toBe(404);
  });

  it('says how to build the console when it is not built', async () => {
    const answer = await unbuilt.request('GET', '/console/');
    expect(answer.status).toBe(404);
    expect(answer.body.message).toContain('npm run build:console');
  });
});
