import { PROVISIONING_STEP_NAMES } from '@storefront/contracts';
import type { BrowserDocument } from '../test/browser-dom';
import { ConsoleHarness, expectText, seriousAccessibilityViolations, snap } from '../test/console-harness';

// Used only inside page.evaluate callbacks, which run in Chromium.
declare const document: BrowserDocument;

describe("console: the platform admin's health page and a tenant's provisioning, in headless Chromium", () => {
  let harness: ConsoleHarness;

  beforeAll(async () => {
    harness = await ConsoleHarness.start();
  }, 600_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('shows every shard up with its queues, one shard down while it is stopped, and up again after it restarts', async () => {
    const admin = await harness.newPage();
    await harness.signInAsAdmin(admin);
    await admin.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Health' }).click();
    await expectText(admin.getByTestId('health-summary'), 'Everything is up.');
    for (const service of ['checkout', 'search', 'notifications']) {
      for (const shard of [0, 1]) await expectText(admin.getByTestId(`shard-${service}-${shard}`), 'up');
    }
    await expectText(admin.getByTestId('shard-notifications-0'), 'deliveries:');
    await expectText(admin.getByTestId('shard-search-1'), 'reindex:');
    await expectText(admin.getByTestId('health-services'), 'postgres:main');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await snap(admin, '70-admin-health-all-up');

    await harness.storefront.stopShard('search', 1);
    try {
      const started = Date.now();
      await admin.getByRole('button', { name: 'Check again' }).click();
      await expectText(admin.getByTestId('health-summary'), '1 part is down.');
      expect(Date.now() - started).toBeLessThan(5_000);
      await expectText(admin.getByTestId('shard-search-1'), 'down');
      await expectText(admin.getByTestId('shard-search-1'), 'ECONNREFUSED');
      await expectText(admin.getByTestId('shard-search-0'), 'up');
      // The stopped shard's queues live in Redis and are still counted.
      await expectText(admin.getByTestId('shard-search-1'), 'events:');
      expect(await seriousAccessibilityViolations(admin)).toEqual([]);
      await snap(admin, '71-admin-health-one-shard-down');
    } finally {
      await harness.storefront.startShard('search', 1);
    }
    await admin.getByRole('button', { name: 'Check again' }).click();
    await expectText(admin.getByTestId('health-summary'), 'Everything is up.');
  }, 120_000);

  it("shows a tenant's provisioning steps as the registry and database show them, also on a phone", async () => {
    const merchant = await harness.api.signupMerchant({ storeName: 'Provisioned Shop' });
    const phone = { width: 390, height: 844 };
    const admin = await harness.newPage(phone);
    await harness.signInAsAdmin(admin);
    await admin.goto(`${harness.consoleUrl}tenants/${merchant.tenantId}`);
    const steps = admin.getByTestId('provisioning-steps');
    await expectText(steps, 'Migrations');
    expect(await steps.locator('li[data-state="done"]').count()).toBe(PROVISIONING_STEP_NAMES.length);
    await expectText(steps, 'schema version');
    await expectText(steps, 'checkout');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await snap(admin, '72-phone-tenant-provisioning');

    await admin.goto(`${harness.consoleUrl}health`);
    await admin.getByTestId('health-summary').waitFor();
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await snap(admin, '73-phone-admin-health');
  }, 120_000);
});
