/**
 * The console as a person meets it: a fresh Vite build served by the real platform API, the real
 * storefront with checkout, search and notifications shards on the same database and Redis (the
 * API reaches the shards as it does under `npm start`), and headless Chromium.
 */
import { CHROMIUM_ARGS, ensureChromium } from '@storefront/dev-services';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
// The console's tests drive the real API and storefront in-process, as `npm start` runs them.
import type { BrowserDocument } from './browser-dom';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { PlatformApiHarness } from '../../platform-api/test/platform-api-harness';

// eslint-disable-next-line @nx/enforce-module-boundaries
export { tShirtProduct } from '../../platform-api/test/platform-api-harness';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { StorefrontHarness } from '../../storefront/test/storefront-harness';

// Used only inside page.evaluate callbacks, which run in Chromium (see browser-dom.ts).
declare const document: BrowserDocument;
declare const window: { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };

const WORKSPACE = join(__dirname, '../../..');
export const ARTIFACTS = join(WORKSPACE, 'artifacts/console-e2e');

/** Builds the console from source into a temporary folder, so a test never serves a stale build. */
async function buildConsole(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'console-build-'));
  await promisify(execFile)(
    process.execPath,
    [join(WORKSPACE, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(WORKSPACE, 'apps/console/vite.config.mjs'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    { cwd: WORKSPACE },
  );
  return outDir;
}

export class ConsoleHarness {
  private constructor(
    readonly api: PlatformApiHarness,
    readonly storefront: StorefrontHarness,
    readonly browser: Browser,
  ) {}

  static async start(): Promise<ConsoleHarness> {
    const [executablePath, consoleDir, storefront] = await Promise.all([
      ensureChromium(),
      buildConsole(),
      // Two attempts 100 ms apart: a failing webhook becomes a dead letter within a second.
      StorefrontHarness.start({}, { notifications: true, notificationsEnv: { PLATFORM_NOTIFICATIONS_MAX_ATTEMPTS: '2', PLATFORM_NOTIFICATIONS_RETRY_BASE_MS: '100' } }),
    ]);
    const storefrontPort = new URL(storefront.storefront.url).port;
    // The service token secret, shard counts and ports of the shards above; their database and Redis.
    const { LOG_LEVEL: _level, ...platformEnv } = storefront.platformEnv;
    const api = await PlatformApiHarness.start({
      ...platformEnv,
      PLATFORM_CONSOLE_DIR: consoleDir,
      PLATFORM_STORE_URL_TEMPLATE: `http://{host}:${storefrontPort}`,
      PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
    });
    // Every host name resolves to this machine, as *.localhost would for a person.
    const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * 127.0.0.1'] });
    mkdirSync(ARTIFACTS, { recursive: true });
    return new ConsoleHarness(api, storefront, browser);
  }

  get consoleUrl(): string {
    return `${this.api.api.url}/console/`;
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await this.api?.close();
    await this.storefront?.close();
  }

  /** A fresh browser profile (no session) on the console. */
  async newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await this.browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(this.consoleUrl);
    return page;
  }

  async signInAsAdmin(page: Page): Promise<void> {
    await page.getByLabel('Email').fill(this.api.config.PLATFORM_ADMIN_EMAIL!);
    await page.getByLabel('Password').fill(this.api.config.PLATFORM_ADMIN_PASSWORD!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Tenants' }).waitFor();
  }
}

/** Starts the console's platform in `beforeAll` and closes it in `afterAll`; read `.harness` inside tests. */
export function useConsoleHarness(): { readonly harness: ConsoleHarness } {
  let started: ConsoleHarness | undefined;
  beforeAll(async () => {
    started = await ConsoleHarness.start();
  }, 600_000);
  afterAll(async () => {
    await started?.close();
  });
  return {
    get harness() {
      return started!;
    },
  };
}

export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export { expectText } from '@storefront/testing';

/** The accessible description of a field: its hint and the API's error message tied to it. */
export function descriptionOf(field: Locator): Promise<string> {
  return field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id: string) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** Signs in through the console's form. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Fails naming `where` and each serious or critical axe-core finding on the page as it is now. */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  expect({ where, violations: await seriousAccessibilityViolations(page) }).toEqual({ where, violations: [] });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core findings on the page as it is now (axe injected from node_modules). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, which the console's CSP does not govern (a script
  // tag would be an inline script, which the CSP rightly refuses); the app itself stays under it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    return (await window.axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
