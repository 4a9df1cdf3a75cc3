import { startWebhookReceiver, until, type WebhookReceiver } from '@storefront/notifications/testing';
import { HostClient } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import type { BrowserDocument } from '../test/browser-dom';
import { ConsoleHarness, expectText, seriousAccessibilityViolations, signIn, snap, tShirtProduct } from '../test/console-harness';

// Used only inside page.evaluate callbacks, which run in Chromium.
declare const document: BrowserDocument;

interface Variant {
  readonly id: string;
  readonly sku: string;
  readonly options: Record<string, string>;
  readonly stock: number;
}

describe("console: a merchant's orders, home figures and webhook delivery log, with orders placed in the real storefront", () => {
  let harness: ConsoleHarness;
  let receiver: WebhookReceiver;
  /** Event types the receiver refuses (answers 500), to make dead letters. */
  const refusing = new Set<string>();

  beforeAll(async () => {
    harness = await ConsoleHarness.start();
    receiver = await startWebhookReceiver((_call, body) => (refusing.has((JSON.parse(body) as { type: string }).type) ? 500 : 200));
  }, 600_000);

  afterAll(async () => {
    await receiver?.close();
    await harness?.close();
  });

  async function noSeriousViolations(page: Page, where: string): Promise<void> {
    expect({ where, violations: await seriousAccessibilityViolations(page) }).toEqual({ where, violations: [] });
  }

  /** Clicks Refresh until `locator` shows `text` (the log fills in as the shards work). */
  async function refreshUntil(page: Page, locator: Locator, text: string, what: string): Promise<void> {
    await until(
      async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        await page.waitForFunction(() => !document.body.innerText.includes('Refreshing…'));
        return (await locator.count()) > 0 && (await locator.first().innerText()).includes(text);
      },
      20_000,
      what,
    );
  }

  it('shows a storefront order on home and in orders; fulfils, refunds and cancels orders; the webhook log shows deliveries and replays a dead letter', async () => {
    const merchant = await harness.api.signupMerchant({ storeName: 'Order Desk' });
    const token = merchant.token;
    expect((await harness.api.request('PATCH', '/api/v1/store/settings', { token, body: { currency: 'EUR' } })).status).toBe(200);
    const product = await harness.api.request('POST', '/api/v1/products', { token, body: tShirtProduct(`OD-${randomUUID().slice(0, 4)}`) });
    expect(product.status).toBe(201);
    const variant = (size: string, colour: string) => (product.body.variants as Variant[]).find((v) => v.options.Size === size && v.options.Colour === colour)!;
    // One variant is nearly gone: home lists it under low stock.
    const adjusted = await harness.api.request('POST', `/api/v1/variants/${variant('L', 'White').id}/stock-adjustments`, { token, body: { delta: -8, reason: 'stock count' } });
    expect(adjusted.body.stock).toBe(2);
    const storeUrl = (await harness.api.request('GET', '/api/v1/store', { token })).body.storeUrl as string;

    // The merchant signs in and subscribes a webhook endpoint to every order event.
    const page = await harness.newPage();
    await signIn(page, merchant.email, merchant.password);
    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    for (const event of ['order.fulfilled', 'order.cancelled', 'order.refunded']) await page.getByLabel(event, { exact: true }).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByTestId('webhook-secret').waitFor();

    // A shopper buys two black S tees in the live store with the test card.
    const shopper = await (await harness.browser.newContext()).newPage();
    await shopper.goto(storeUrl);
    await shopper.getByRole('link', { name: 'Organic T-Shirt' }).first().click();
    await shopper.getByLabel('Size').selectOption('S');
    await shopper.getByLabel('Colour').selectOption('Black');
    await shopper.getByRole('button', { name: 'Show price and stock' }).click();
    await shopper.getByLabel('Quantity').fill('2');
    await shopper.getByRole('button', { name: 'Add to cart' }).click();
    await expectText(shopper.getByTestId('cart-count'), '2');
    await shopper.goto(`${storeUrl}/cart`);
    await shopper.getByRole('link', { name: 'Check out' }).click();
    await shopper.getByLabel('Full name').fill('Ada Lovelace');
    await shopper.getByLabel('Address').fill('1 Analytical Street');
    await shopper.getByLabel('City').fill('London');
    await shopper.getByLabel('Postal code').fill('N1 1AA');
    await shopper.getByLabel('Country code (e.g. DE)').fill('GB');
    await shopper.getByRole('button', { name: 'Place order' }).click();
    await expectText(shopper.getByTestId('order-confirmation'), 'is placed');
    await snap(shopper, '50-storefront-order-placed');
    const [first] = (await harness.api.request('GET', '/api/v1/orders', { token })).body.items as { id: string; number: number }[];

    // Home: today's count and revenue, and the low variant.
    await nav.getByRole('link', { name: 'Home' }).click();
    await expectText(page.getByTestId('today-orders'), '1');
    await expectText(page.getByTestId('today-revenue'), '50.00');
    await expectText(page.getByTestId('low-stock'), `${variant('L', 'White').sku}`);
    await expectText(page.getByTestId('low-stock'), '2 left');
    await noSeriousViolations(page, 'home');
    await snap(page, '51-home-today-and-low-stock');

    // Orders: the list, then the order; fulfil it.
    await nav.getByRole('link', { name: 'Orders' }).click();
    await expectText(page.getByTestId('orders'), `#${first!.number}`);
    await expectText(page.getByTestId('orders'), 'Ada Lovelace (guest)');
    await expectText(page.getByTestId('orders'), '€50.00');
    await noSeriousViolations(page, 'orders');
    await snap(page, '52-orders-list');
    await page.getByRole('link', { name: `#${first!.number}` }).click();
    await expectText(page.getByTestId('order-status'), 'Placed');
    await expectText(page.getByTestId('order-lines'), variant('S', 'Black').sku);
    await expectText(page.getByTestId('order-total'), '€50.00');
    await expectText(page.getByTestId('order-customer'), '1 Analytical Street');
    await expectText(page.getByTestId('order-payment'), 'captured');
    await noSeriousViolations(page, 'order detail');
    await page.getByRole('button', { name: 'Fulfil', exact: true }).click();
    await page.getByRole('dialog').waitFor();
    await noSeriousViolations(page, 'fulfil confirmation');
    await snap(page, '53-order-confirm-fulfil');
    await page.getByRole('dialog').getByRole('button', { name: 'Fulfil order' }).click();
    await expectText(page.getByTestId('order-status'), 'Fulfilled');
    await expectText(page.locator('p.success'), 'Order fulfilled.');
    await expectText(page.getByTestId('order-history'), 'Fulfilled');
    await snap(page, '54-order-fulfilled');

    // Two more orders through the storefront's JSON API: one paid by card (refunded), one cash on delivery (cancelled).
    const shopperApi = new HostClient(harness.storefront.storefront.url, new URL(storeUrl).hostname);
    const order = async (sku: string, paymentMethod: 'test-card' | 'cod') => {
      expect((await shopperApi.json('POST', '/api/v1/cart/items', { sku, quantity: 1 })).status).toBe(201);
      const placed = await shopperApi.json(
        'POST',
        '/api/v1/checkout',
        { paymentMethod, ...(paymentMethod === 'test-card' ? { paymentToken: 'tok_success' } : {}), shippingAddress: { name: 'Grace Hopper', line1: '2 Compiler Road', city: 'Arlington', postalCode: '22201', country: 'US' } },
        { 'idempotency-key': `console-${randomUUID()}` },
      );
      expect(placed.status).toBe(201);
      return placed.body as { orderId: string; number: number };
    };
    const paid = await order(variant('M', 'Black').sku, 'test-card');
    const cashOnDelivery = await order(variant('M', 'White').sku, 'cod');

    await page.goto(`${harness.consoleUrl}orders/${paid.orderId}`);
    await expectText(page.getByTestId('order-status'), 'Placed');
    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Refund order' }).click();
    await expectText(page.getByTestId('order-status'), 'Refunded');
    await expectText(page.getByTestId('order-payment'), 'refunded');
    await snap(page, '55-order-refunded');

    // The receiver refuses cancellations: that delivery becomes a dead letter (two attempts).
    refusing.add('order.cancelled');
    await page.goto(`${harness.consoleUrl}orders/${cashOnDelivery.orderId}`);
    expect(await page.getByRole('button', { name: 'Refund', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Cancel order', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel order' }).click();
    await expectText(page.getByTestId('order-status'), 'Cancelled');
    await expectText(page.getByTestId('order-payment'), 'voided');
    const restocked = await harness.api.request('GET', `/api/v1/products/${product.body.id}`, { token });
    expect((restocked.body.variants as Variant[]).find((v) => v.sku === variant('M', 'White').sku)!.stock).toBe(10);

    // The list filtered by status, and home's figures: three orders today, only the fulfilled one is revenue.
    await page.getByRole('link', { name: '← Orders' }).click();
    await page.getByLabel('Status').selectOption('cancelled');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expectText(page.getByRole('status'), '1 order cancelled');
    expect(await page.getByTestId('orders').locator('tbody tr').count()).toBe(1);
    await expectText(page.getByTestId('orders'), `#${cashOnDelivery.number}`);
    await nav.getByRole('link', { name: 'Home' }).click();
    await expectText(page.getByTestId('today-orders'), '3');
    await expectText(page.getByTestId('today-revenue'), '€50.00');

    // The webhook log: deliveries of the real events, the dead letter, its replay.
    await nav.getByRole('link', { name: 'Webhooks' }).click();
    const log = page.getByTestId('delivery-log');
    await refreshUntil(page, log, 'order.fulfilled', 'the order.fulfilled delivery in the log');
    await expectText(log, 'order.placed');
    await expectText(log, receiver.url);
    await page.getByLabel('Show').selectOption('failed');
    await refreshUntil(page, log, 'Dead letter', 'the dead letter');
    await expectText(log, 'order.cancelled');
    await expectText(log, 'endpoint answered 500');
    await noSeriousViolations(page, 'webhooks with delivery log');
    await snap(page, '56-webhook-dead-letter');
    await log.getByRole('button', { name: /^Attempts/ }).first().click();
    await expectText(page.getByTestId('delivery-attempts'), 'HTTP 500');

    refusing.delete('order.cancelled');
    await log.getByRole('button', { name: /^Replay/ }).click();
    await expectText(page.locator('p.success'), 'Queued again');
    await page.getByLabel('Show').selectOption('sent');
    await refreshUntil(page, log, 'order.cancelled', 'the replayed delivery');
    expect(receiver.calls.filter((call) => call.body.includes('"order.cancelled"')).map((call) => call.answeredWith)).toEqual([500, 500, 200]);
    await snap(page, '57-webhook-log-after-replay');
  }, 240_000);

  it('shows orders on a phone without the page growing wider than the screen', async () => {
    const phone = { width: 390, height: 844 };
    const merchant = await harness.api.signupMerchant({ storeName: 'Pocket Shop' });
    const token = merchant.token;
    const product = await harness.api.request('POST', '/api/v1/products', { token, body: tShirtProduct(`PS-${randomUUID().slice(0, 4)}`) });
    const storeHost = new URL((await harness.api.request('GET', '/api/v1/store', { token })).body.storeUrl as string).hostname;
    const shopper = new HostClient(harness.storefront.storefront.url, storeHost);
    expect((await shopper.json('POST', '/api/v1/cart/items', { sku: product.body.variants[0].sku, quantity: 3 })).status).toBe(201);
    const placed = await shopper.json(
      'POST',
      '/api/v1/checkout',
      { paymentMethod: 'cod', shippingAddress: { name: 'Katherine Johnson', line1: '3 Orbit Way', city: 'Hampton', postalCode: '23666', country: 'US' } },
      { 'idempotency-key': `phone-${randomUUID()}` },
    );
    expect(placed.status).toBe(201);

    const page = await harness.newPage(phone);
    await signIn(page, merchant.email, merchant.password);
    for (const path of ['', 'orders', `orders/${placed.body.orderId}`, 'webhooks']) {
      await page.goto(`${harness.consoleUrl}${path}`);
      await page.locator('main h1').waitFor();
      await page.waitForFunction(() => !document.body.innerText.includes('Loading…'));
      await noSeriousViolations(page, `phone /${path}`);
      // Nothing wider than the phone's screen, apart from tables that scroll by themselves.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
      if (path.startsWith('orders/')) await snap(page, '58-phone-order-detail');
    }
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Orders' }).click();
    await expectText(page.getByTestId('orders'), 'Katherine Johnson (guest)');
    await snap(page, '59-phone-orders');
  }, 120_000);
});
