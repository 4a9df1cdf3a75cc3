import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { ConsoleHarness, expectText, snap } from '../test/console-harness';

describe('console: merchant and platform admin journeys in headless Chromium', () => {
  let harness: ConsoleHarness;

  beforeAll(async () => {
    harness = await ConsoleHarness.start();
  }, 600_000);

  afterAll(async () => {
    await harness?.close();
  });

  async function openStore(url: string): Promise<{ status: number; page: Page }> {
    const page = await (await harness.browser.newContext()).newPage();
    const response = await page.goto(url);
    return { status: response!.status(), page };
  }

  it('signs a merchant up, creates a Size x Colour product, shows it in the live store; an admin suspends and resumes that store', async () => {
    const slug = `console-${randomUUID().slice(0, 8)}`;
    const page = await harness.newPage();
    await page.getByRole('link', { name: 'Open a store' }).click();
    await page.getByLabel('Store name').fill('Console Tee Co');
    await page.getByLabel('Store address').fill(slug);
    await page.getByLabel('Email').fill(`${slug}@merchants.example.com`);
    await page.getByLabel('Password').fill('a long merchant password');
    await snap(page, '01-signup');
    await page.getByRole('button', { name: 'Create store' }).click();
    await expectText(page.getByRole('heading', { level: 2, name: 'Your store is live' }), 'Your store is live');
    const storeUrl = (await page.getByTestId('live-store-link').getAttribute('href'))!;
    expect(storeUrl).toMatch(new RegExp(`^http://${slug}\\.shop\\.test:\\d+$`));
    await snap(page, '02-dashboard-after-signup');

    // New stores start in USD; the merchant switches to euros before adding products.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Currency').fill('EUR');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page.getByRole('status'), 'Settings saved.');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Products' }).click();
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByLabel('Title').fill('Organic Tee');
    await page.getByLabel('Price (EUR)').fill('25.00');
    await page.getByRole('button', { name: 'Add option' }).click();
    await page.getByLabel('Option 1 name').fill('Size');
    await page.getByLabel('Option 1 values').fill('S, M, L');
    await page.getByRole('button', { name: 'Add option' }).click();
    await page.getByLabel('Option 2 name').fill('Colour');
    await page.getByLabel('Option 2 values').fill('Black, White');
    const grid = page.getByTestId('variant-grid');
    expect(await grid.locator('tbody tr').count()).toBe(6);
    expect(await page.getByLabel('SKU for M / White').inputValue()).toBe('ORGANIC-TEE-M-WHITE');
    for (const size of ['S', 'M', 'L']) {
      for (const colour of ['Black', 'White']) await page.getByLabel(`Stock for ${size} / ${colour}`).fill('8');
    }
    await page.getByLabel('Price for L / Black').fill('27.00');
    await page.getByRole('button', { name: 'Add image' }).click();
    await page.getByLabel('Image 1 URL').fill('https://images.example.com/organic-tee.jpg');
    await snap(page, '03-product-form');
    await page.getByRole('button', { name: 'Create product' }).click();
    await expectText(page.getByRole('status'), 'Product created.');
    expect(await page.getByTestId('stock-level').allInnerTexts()).toEqual(['8', '8', '8', '8', '8', '8']);
    await snap(page, '04-product-created');

    await page.getByRole('link', { name: '← Products' }).click();
    await page.getByLabel('Search products').fill('organic');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectText(page.getByRole('status'), '1 product matching “organic”');
    await expectText(page.getByTestId('product-list'), '6 variants, 48 in stock');
    await page.getByLabel('Search products').fill('no such thing');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectText(page.getByRole('status'), '0 products matching “no such thing”');

    const shopper = await openStore(storeUrl);
    expect(shopper.status).toBe(200);
    await expectText(shopper.page.locator('main'), 'Organic Tee');
    await snap(shopper.page, '05-live-store-with-product');

    const admin = await harness.newPage();
    await harness.signInAsAdmin(admin);
    await admin.getByLabel('Search by name or slug').fill(slug);
    await admin.getByRole('button', { name: 'Filter' }).click();
    await admin.getByRole('link', { name: 'Console Tee Co' }).click();
    await expectText(admin.getByTestId('tenant-status'), 'active');
    await expectText(admin.getByTestId('usage'), 'products');
    await admin.getByRole('button', { name: 'Suspend' }).click();
    await snap(admin, '06-admin-confirm-suspend');
    await admin.getByRole('dialog').getByRole('button', { name: 'Suspend store' }).click();
    await expectText(admin.getByTestId('tenant-status'), 'suspended');
    await snap(admin, '07-admin-suspended');

    const suspended = await openStore(storeUrl);
    expect(suspended.status).toBe(503);
    await expectText(suspended.page.locator('body'), 'This store is temporarily unavailable.');
    await snap(suspended.page, '08-store-unavailable');

    await admin.getByRole('button', { name: 'Resume' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Resume store' }).click();
    await expectText(admin.getByTestId('tenant-status'), 'active');
    const resumed = await openStore(storeUrl);
    expect(resumed.status).toBe(200);
    await expectText(resumed.page.locator('main'), 'Organic Tee');
    await snap(resumed.page, '09-store-after-resume');

    await admin.getByRole('link', { name: 'Audit log' }).click();
    await expectText(admin.getByTestId('audit-log'), 'tenant.status.suspended');
    await snap(admin, '10-audit-log');
  }, 180_000);

  it('deletes a store only after the admin types its slug; shoppers then find no store there', async () => {
    const merchant = await harness.api.signupMerchant({ storeName: 'Doomed Shop' });
    const storeUrl = (await harness.api.request('GET', '/api/v1/store', { token: merchant.token })).body.storeUrl as string;
    expect((await openStore(storeUrl)).status).toBe(200);

    const admin = await harness.newPage();
    await harness.signInAsAdmin(admin);
    await admin.goto(`${harness.consoleUrl}tenants/${merchant.tenantId}`);
    await admin.getByRole('button', { name: 'Delete' }).click();
    const dialog = admin.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: 'Delete store' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(`Type ${merchant.slug} to confirm`).fill('wrong-slug');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(`Type ${merchant.slug} to confirm`).fill(merchant.slug);
    await snap(admin, '11-admin-confirm-delete');
    await confirm.click();
    await expectText(admin.getByTestId('tenant-status'), 'deleted');
    await expectText(admin.getByRole('status'), 'Store deleted.');
    expect(await admin.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    expect((await openStore(storeUrl)).status).toBe(404);
  }, 120_000);
});
