import { STRIPE_TEST_KEYS } from '@storefront/orders/testing';
import type { Page } from 'playwright-core';
import type { BrowserDocument } from '../test/browser-dom';
import { descriptionOf, expectNoSeriousViolations, expectText, signIn, snap, useConsoleHarness } from '../test/console-harness';
import { tabThroughPage, tabTo, unreachedControls } from '../test/keyboard';

// Used only inside page.evaluate callbacks, which run in Chromium.
declare const document: BrowserDocument;
declare const navigator: { clipboard: { readText(): Promise<string> } };

describe("console: a store's payment settings in headless Chromium against the real platform API and checkout shards", () => {
  const platform = useConsoleHarness();

  /** Everything the page holds: its HTML, what it shows, and the live values of its inputs. */
  function everythingOnThePage(page: Page): Promise<string> {
    return page.evaluate(() => {
      const values = Array.from(document.querySelectorAll('input, textarea')).map((field) => field.value);
      return [document.body.outerHTML, document.body.innerText, ...values].join('\n');
    });
  }

  const save = (page: Page) => page.getByRole('button', { name: 'Save payment settings' }).click();
  const saved = (page: Page) => expectText(page.getByRole('status').filter({ hasText: 'Payment settings saved.' }), 'Payment settings saved.');

  it('enables bank transfer once it has instructions, takes Stripe keys write-only, refuses a live store without a way to be paid, then goes live', async () => {
    const { harness } = platform;
    const merchant = await harness.api.signupMerchant({ storeName: 'Pay Desk' });
    const page = await harness.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(harness.consoleUrl).origin });
    await signIn(page, merchant.email, merchant.password);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Payments' }).click();
    await page.getByRole('heading', { name: 'Payments' }).waitFor();

    // A new store: test mode, the test card and cash on delivery; where Stripe's webhook goes.
    await expectText(page.getByTestId('payment-mode'), 'Test');
    await expectText(page.getByTestId('payment-mode-text'), 'no real money moves');
    await expectText(page.getByTestId('accepted-methods'), 'Accepted at checkout now: Test card, Cash on delivery.');
    const webhookUrl = await page.getByLabel('Webhook URL').inputValue();
    expect(webhookUrl).toBe(`${(await harness.api.request('GET', '/api/v1/store', { token: merchant.token })).body.storeUrl}/api/v1/payments/stripe/webhook`);
    expect(await descriptionOf(page.getByLabel('Webhook URL'))).toContain('Developers → Webhooks');
    await page.getByRole('button', { name: 'Copy webhook URL' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Copied.' }), 'Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(webhookUrl);
    await expectNoSeriousViolations(page, 'payments, new store');
    await snap(page, '80-payments-new-store');

    // Bank transfer without instructions: the checkout shard names the field.
    await page.getByLabel('Accept bank transfer').check();
    await save(page);
    await expectText(page.getByRole('alert'), 'the payment settings are incomplete');
    const instructions = page.getByLabel('Bank transfer instructions');
    expect(await descriptionOf(instructions)).toContain('shoppers need instructions');
    expect(await instructions.getAttribute('aria-invalid')).toBe('true');
    await snap(page, '81-payments-bank-transfer-needs-instructions');
    await instructions.fill('Pay Desk Ltd, IBAN DE02 1203 0000 0000 2020 51, reference: your order number');
    await save(page);
    await saved(page);
    expect(await instructions.getAttribute('aria-invalid')).toBeNull();
    await expectText(page.getByTestId('accepted-methods'), 'Test card, Bank transfer, Cash on delivery.');

    // A malformed secret key is refused under its field, and nothing of it is kept.
    await page.getByLabel('Accept cards through Stripe').check();
    await page.getByLabel('Publishable key').fill(STRIPE_TEST_KEYS.publishableKey);
    await page.getByLabel('Secret key').fill('not a key');
    await save(page);
    // The answer arrives after the click: wait for the field to be marked before reading it.
    await page.getByLabel('Secret key').and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await descriptionOf(page.getByLabel('Secret key'))).toContain('must be a Stripe key such as sk_test_');
    expect(await page.getByLabel('Secret key').getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(page.getByLabel('Publishable key'))).not.toContain('must');

    // The real test keys: saved, then shown only as a hint, in this page and after a reload.
    await page.getByLabel('Secret key').fill(STRIPE_TEST_KEYS.secretKey);
    await page.getByLabel('Webhook signing secret').fill(STRIPE_TEST_KEYS.webhookSecret);
    await save(page);
    await saved(page);
    await expectText(page.getByTestId('accepted-methods'), 'Stripe (cards), Test card, Bank transfer, Cash on delivery.');
    for (const moment of ['after saving', 'after a reload']) {
      if (moment === 'after a reload') {
        await page.reload();
        await page.getByLabel('Secret key').waitFor();
      }
      expect(await page.getByLabel('Secret key').inputValue()).toBe('');
      expect(await page.getByLabel('Webhook signing secret').inputValue()).toBe('');
      expect(await descriptionOf(page.getByLabel('Secret key'))).toContain('Stored: sk_test_…9f2c');
      expect(await descriptionOf(page.getByLabel('Webhook signing secret'))).toMatch(/^Set\./);
      expect(await page.getByLabel('Publishable key').inputValue()).toBe(STRIPE_TEST_KEYS.publishableKey);
      const seen = await everythingOnThePage(page);
      expect({ moment, secretKey: seen.includes(STRIPE_TEST_KEYS.secretKey), webhookSecret: seen.includes(STRIPE_TEST_KEYS.webhookSecret) }).toEqual({ moment, secretKey: false, webhookSecret: false });
    }
    await snap(page, '82-payments-stripe-keys-hinted');

    // Live with every method off: the confirmation, then the 409 by the mode; nothing changes.
    for (const method of ['Accept cards through Stripe', 'Accept bank transfer', 'Accept cash on delivery']) await page.getByLabel(method).uncheck();
    await page.getByRole('radio', { name: /^Live/ }).check();
    await save(page);
    const dialog = page.getByRole('dialog', { name: 'Take real payments?' });
    await dialog.waitFor();
    await expectNoSeriousViolations(page, 'go-live confirmation');
    await snap(page, '83-payments-confirm-live');
    await dialog.getByRole('button', { name: 'Go live' }).click();
    await expectText(page.getByTestId('payment-conflict'), 'a live store needs at least one way to be paid');
    expect(await page.locator('section[aria-labelledby="payment-mode-title"]').getByRole('alert').count()).toBe(1);
    expect(await descriptionOf(page.getByRole('radiogroup', { name: 'Mode for this store' }))).toContain('enable a payment method before going live');
    await expectText(page.getByTestId('payment-mode'), 'Test');
    await snap(page, '84-payments-live-without-method');

    // Bank transfer back on: the store goes live; the test card is no longer offered.
    await page.getByLabel('Accept bank transfer').check();
    await save(page);
    await page.getByRole('dialog', { name: 'Take real payments?' }).getByRole('button', { name: 'Go live' }).click();
    await saved(page);
    await expectText(page.getByTestId('payment-mode'), 'Live');
    await expectText(page.getByTestId('payment-mode-text'), 'shoppers pay real money');
    await expectText(page.getByTestId('accepted-methods'), 'Accepted at checkout now: Bank transfer.');
    expect(await page.getByTestId('payment-conflict').count()).toBe(0);

    // Stripe on again in live mode with its stored test keys: the 409 stands by the Stripe section.
    await page.getByLabel('Accept cards through Stripe').check();
    await save(page);
    await expectText(page.locator('section[aria-labelledby="stripe-title"]').getByRole('alert'), 'a store in live mode uses Stripe live keys');
    expect(await descriptionOf(page.getByLabel('Secret key'))).toContain('must be a live key');
    await expectNoSeriousViolations(page, 'payments, live with a key conflict');
    await snap(page, '85-payments-live-stripe-key-mismatch');

    const stored = await harness.api.request('GET', '/api/v1/store/payment-settings', { token: merchant.token });
    expect(stored.body).toMatchObject({ mode: 'live', acceptedMethods: ['bank-transfer'], stripe: { enabled: false, secretKeyHint: 'sk_test_…9f2c' } });
  }, 180_000);

  it('goes live by keyboard alone, confirming in the dialog, reaches every control of the form, and fits a phone', async () => {
    const { harness } = platform;
    const merchant = await harness.api.signupMerchant({ storeName: 'Keyboard Pay' });
    const page = await harness.newPage();
    await signIn(page, merchant.email, merchant.password);
    await page.goto(`${harness.consoleUrl}payments`);
    await page.getByLabel('Accept cash on delivery').waitFor();

    // A radio group is one Tab stop; the arrow keys choose within it.
    await tabTo(page, 'Test: test card and Stripe test keys, no real money');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: /^Live/ }).isChecked()).toBe(true);
    await tabTo(page, 'Save payment settings');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Take real payments?' }).waitFor();
    await tabTo(page, 'Go live');
    await page.keyboard.press('Enter');
    await saved(page);
    await expectText(page.getByTestId('payment-mode'), 'Live');
    await expectText(page.getByTestId('accepted-methods'), 'Accepted at checkout now: Cash on delivery.');

    await tabThroughPage(page, 60);
    // 2 mode radios; Stripe: toggle, 3 keys, webhook URL and its copy button; bank transfer: toggle, instructions; cash on delivery; save.
    expect(await unreachedControls(page, 'form[aria-label="Payment settings"]')).toEqual({ controls: 12, unreached: [] });
    await snap(page, '86-payments-live-by-keyboard');

    // On a phone nothing grows wider than the screen (the webhook URL and its button share a row).
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSeriousViolations(page, 'payments on a phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snap(page, '87-payments-phone');
  }, 120_000);
});
