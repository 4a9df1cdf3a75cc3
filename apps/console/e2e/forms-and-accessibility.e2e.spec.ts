import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { ConsoleHarness, descriptionOf, expectText, seriousAccessibilityViolations, signIn, snap } from '../test/console-harness';
import type { BrowserDocument } from '../test/browser-dom';
import { tabThroughPage, tabTo, unreachedControls } from '../test/keyboard';

// Used only inside page.evaluate callbacks, which run in Chromium.
declare const document: BrowserDocument;

describe('console: API field errors, keyboard use and accessibility in headless Chromium', () => {
  let harness: ConsoleHarness;

  beforeAll(async () => {
    harness = await ConsoleHarness.start();
  }, 600_000);

  afterAll(async () => {
    await harness?.close();
  });

  async function merchantPage(viewport?: { width: number; height: number }): Promise<Page> {
    const merchant = await harness.api.signupMerchant();
    const page = await harness.newPage(viewport);
    await signIn(page, merchant.email, merchant.password);
    return page;
  }

  it('shows the API’s signup errors next to the fields they are about', async () => {
    const taken = await harness.api.signupMerchant();
    const page = await harness.newPage();
    await page.getByRole('link', { name: 'Open a store' }).click();
    await page.getByLabel('Store name').fill('Error Shop');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create store' }).click();
    await expectText(page.getByRole('alert'), 'the request is invalid');
    expect(await descriptionOf(page.getByLabel('Email'))).toContain('must be an email address');
    expect(await descriptionOf(page.getByLabel('Password'))).toContain('must be at least 10 characters');
    expect(await descriptionOf(page.getByLabel('Store name'))).not.toMatch(/must|taken/);
    await snap(page, '20-signup-validation-errors');

    await page.getByLabel('Email').fill(`new-${taken.slug}@merchants.example.com`);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByLabel('Store address').fill(taken.slug);
    await page.getByRole('button', { name: 'Create store' }).click();
    await expectText(page.getByLabel('Store address').locator('xpath=..'), 'is taken');
    expect(await descriptionOf(page.getByLabel('Store address'))).toContain('is taken');
    expect(await page.getByLabel('Store address').getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(page.getByLabel('Email'))).not.toContain('must be an email address');
    await snap(page, '21-signup-slug-taken');
  }, 120_000);

  it('shows the API’s product errors next to the title, the image and the variant row they name', async () => {
    const page = await merchantPage();
    await page.goto(`${harness.consoleUrl}products/new`);
    await page.getByLabel('Price (USD)').fill('10.00');
    await page.getByRole('button', { name: 'Add image' }).click();
    await page.getByLabel('Image 1 URL').fill('ftp://images.example.com/a.png');
    await page.getByRole('button', { name: 'Create product' }).click();
    await expectText(page.getByRole('alert').first(), 'the request is invalid');
    expect(await descriptionOf(page.getByLabel('Title'))).toContain('must not be empty');
    expect(await descriptionOf(page.getByLabel('Image 1 URL'))).toContain('must be an http(s) URL');
    expect(await descriptionOf(page.getByLabel('Price (USD)'))).not.toContain('must');

    await page.getByLabel('Title').fill('Twin Tee');
    await page.getByLabel('Image 1 URL').fill('https://images.example.com/a.png');
    await page.getByRole('button', { name: 'Add option' }).click();
    await page.getByLabel('Option 1 name').fill('Size');
    await page.getByLabel('Option 1 values').fill('S, M');
    await page.getByLabel('SKU for M').fill('TWIN-TEE-S');
    await page.getByRole('button', { name: 'Create product' }).click();
    await expectText(page.locator('#variant-1-sku-error'), 'repeats variants.0');
    expect(await descriptionOf(page.getByLabel('SKU for M'))).toContain('SKU "TWIN-TEE-S" repeats variants.0');
    expect(await descriptionOf(page.getByLabel('SKU for S'))).toBe('');
    expect(await descriptionOf(page.getByLabel('Title'))).toBe('');
    await snap(page, '22-product-variant-error');
  }, 120_000);

  it('previews a notification template on sample data, and puts placeholder and domain errors under their fields', async () => {
    const page = await merchantPage();
    await page.goto(`${harness.consoleUrl}notifications`);
    await page.getByLabel('Event').selectOption('order.placed');
    await page.getByLabel('Subject').fill('Order {{order.id}} at {{store.name}}');
    await page.getByLabel('Body').fill('Thanks {{customer.email}}, you paid {{order.total}}. {{order.secret}}');
    await expectText(page.getByTestId('preview-subject'), 'Order A1B2C3 at Hat & Tee Co.');
    await expectText(page.getByTestId('preview-body'), 'Thanks ada@example.com, you paid €39.98. {{order.secret}}');
    await page.getByRole('button', { name: 'Save template' }).click();
    await expectText(page.locator('form [role=alert]'), 'the template is invalid');
    expect(await descriptionOf(page.getByLabel('Body'))).toContain('{{order.secret}} is not available for order.placed');
    expect(await descriptionOf(page.getByLabel('Subject'))).toBe('');
    await page.getByLabel('Body').fill('Thanks {{customer.email}}, you paid {{order.total}}.');
    await page.getByRole('button', { name: 'Save template' }).click();
    await expectText(page.getByRole('status'), 'Template saved.');
    await snap(page, '23-notification-template');

    await page.goto(`${harness.consoleUrl}settings`);
    await page.getByLabel('Custom domain').fill('not a host');
    await page.getByRole('button', { name: 'Add domain' }).click();
    await expectText(page.getByLabel('Custom domain').locator('xpath=..'), 'must be a host name such as shop.example.com');
    await page.getByLabel('Custom domain').fill(`www.${randomUUID().slice(0, 8)}.example.com`);
    await page.getByRole('button', { name: 'Add domain' }).click();
    await expectText(page.getByTestId('domains'), 'pending');
    await expectText(page.getByTestId('domains'), '_storefront-verification.www.');
    await snap(page, '24-custom-domain-pending');
  }, 120_000);

  it('reaches every action of the product form by keyboard alone, and axe finds no serious issue', async () => {
    const page = await merchantPage();
    await page.goto(`${harness.consoleUrl}products/new`);
    await page.getByLabel('Title').waitFor();

    await tabTo(page, 'Title');
    await page.keyboard.type('Keyboard Tee');
    await tabTo(page, 'Price (USD)');
    await page.keyboard.type('19.50');
    await tabTo(page, 'Add image');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Image 1 URL');
    await page.keyboard.type('https://images.example.com/k.png');
    await tabTo(page, 'Add option');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Option 1 name');
    await page.keyboard.type('Size');
    await tabTo(page, 'Option 1 values');
    await page.keyboard.type('S, M');
    await tabTo(page, 'Add option');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Option 2 name');
    await page.keyboard.type('Colour');
    await tabTo(page, 'Option 2 values');
    await page.keyboard.type('Red, Blue');
    await tabTo(page, 'Stock for M / Blue');
    await page.keyboard.type('3');
    await tabThroughPage(page);
    expect(await unreachedControls(page, 'form.product-form')).toEqual({ controls: 27, unreached: [] }); // 7 product fields, 7 option controls, 12 grid cells, create
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await snap(page, '30-keyboard-product-form');

    await tabTo(page, 'Create product');
    await page.keyboard.press('Enter');
    await expectText(page.getByRole('status'), 'Product created.');
    await tabTo(page, 'Adjust stock of M / Blue');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Change by');
    await page.keyboard.type('4');
    await tabTo(page, 'Apply');
    await page.keyboard.press('Enter');
    await expectText(page.getByTestId('variant-grid'), '7');
    await tabThroughPage(page);
    expect((await unreachedControls(page, 'form.product-form')).unreached).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await snap(page, '31-keyboard-product-saved');
  }, 180_000);

  it('has no serious accessibility issues on the other screens, and works on a phone', async () => {
    const phone = { width: 390, height: 844 };
    const page = await merchantPage(phone);
    for (const path of ['', 'orders', 'products', 'products/new', 'categories', 'settings', 'notifications', 'webhooks']) {
      await page.goto(`${harness.consoleUrl}${path}`);
      await page.locator('main h1').waitFor();
      await page.waitForFunction(() => !document.body.innerText.includes('Loading…'));
      expect({ path, violations: await seriousAccessibilityViolations(page) }).toEqual({ path, violations: [] });
      // Nothing wider than the phone's screen, apart from tables that scroll by themselves.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    }
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    await snap(page, '40-phone-products');

    const admin = await harness.newPage(phone);
    await harness.signInAsAdmin(admin);
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await admin.getByTestId('tenants').getByRole('link').first().click();
    await admin.getByTestId('placement').waitFor();
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await snap(admin, '41-phone-tenant-detail');
  }, 180_000);
});
