import { CHROMIUM_ARGS, ensureChromium } from '@storefront/dev-services';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { StorefrontHarness, TestStore } from './storefront-harness';

export interface ShopperBrowser {
  readonly browser: Browser;
  /** The store as a shopper's browser reaches it: its own host on the storefront's port. */
  readonly origin: string;
  /** A full-page screenshot under the spec's artifacts folder. */
  snap(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** Headless Chromium for a store's pages, with screenshots kept under `artifacts/<folder>`. */
export async function startShopperBrowser(harness: StorefrontHarness, store: TestStore, folder: string): Promise<ShopperBrowser> {
  const executablePath = await ensureChromium();
  const artifacts = join(__dirname, '../../../artifacts', folder);
  mkdirSync(artifacts, { recursive: true });
  // Every host name resolves to this machine, as *.localhost would for a person.
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * 127.0.0.1'] });
  return {
    browser,
    origin: `http://${store.host}:${new URL(harness.storefront.url).port}`,
    snap: async (page, name) => void (await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true })),
    close: () => browser.close(),
  };
}
