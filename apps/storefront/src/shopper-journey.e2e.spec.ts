import { expectText } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
import { startShopperBrowser, type ShopperBrowser } from '../test/shopper-browser';
import { StorefrontHarness } from '../test/storefront-harness';

describe('shopper journey in headless Chromium', () => {
  let harness: StorefrontHarness;
  let shopper: ShopperBrowser;
  let origin: string;

  beforeAll(async () => {
    harness = await StorefrontHarness.start();
    const store = await harness.createStore('Hat & Tee Co.', 'EUR');
    await harness.createProduct(store, { title: 'Classic T-shirt', slug: 'classic-tee' });
    shopper = await startShopperBrowser(harness, store, 'storefront-e2e');
    origin = shopper.origin;
  }, 600_000);

  afterAll(async () => {
    await shopper?.close();
    await harness?.close();
  });

  it('picks a variant, registers, finds the cart in a fresh browser, checks out and sees the order', async () => {
    const email = `e2e-${randomUUID().slice(0, 8)}@example.com`;
    const password = 'a long enough password';

    const first = await shopper.browser.newContext();
    const page = await first.newPage();
    await page.goto(`${origin}/`);
    await shopper.snap(page, '01-home');
    await page.getByRole('link', { name: 'Classic T-shirt' }).first().click();
    await page.getByLabel('Size').selectOption('M');
    await page.getByLabel('Colour').selectOption('Blue');
    await page.getByRole('button', { name: 'Show price and stock' }).click();
    await expectText(page.getByTestId('price'), '€19.99');
    await expectText(page.getByTestId('stock'), '5 in stock');
    await shopper.snap(page, '02-product-variant');
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expectText(page.getByTestId('cart-count'), '2');
    await shopper.snap(page, '03-cart');

    await page.goto(`${origin}/account`);
    await page.locator('#register-email').fill(email);
    await page.locator('#register-password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectText(page.locator('main'), `Signed in as ${email}`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectText(page.getByTestId('cart-count'), '0');
    await first.close();

    const fresh = await shopper.browser.newContext();
    const again = await fresh.newPage();
    await again.goto(`${origin}/account`);
    await again.locator('#signin-email').fill(email);
    await again.locator('#signin-password').fill(password);
    await again.getByRole('button', { name: 'Sign in' }).click();
    await expectText(again.getByTestId('cart-count'), '2');
    await again.goto(`${origin}/cart`);
    await expectText(again.getByTestId('cart-line'), 'M / Blue');
    await shopper.snap(again, '04-cart-after-sign-in');

    await again.getByRole('link', { name: 'Check out' }).click();
    await again.getByLabel('Full name').fill('Ada Lovelace');
    await again.getByLabel('Address').fill('1 Analytical Street');
    await again.getByLabel('City').fill('London');
    await again.getByLabel('Postal code').fill('N1 1AA');
    await again.getByLabel('Country code (e.g. DE)').fill('GB');
    await shopper.snap(again, '05-checkout');
    await again.getByRole('button', { name: 'Place order' }).click();
    await expectText(again.getByTestId('order-confirmation'), 'Order');
    await shopper.snap(again, '06-confirmation');

    await again.goto(`${origin}/account`);
    await expectText(again.getByTestId('order-history'), '€39.98');
    await again.goto(`${origin}/cart`);
    await expectText(again.getByTestId('cart-empty'), 'Your cart is empty.');
    await shopper.snap(again, '07-history-and-empty-cart');
    await fresh.close();
  }, 120_000);

  it('works without JavaScript for the core path', async () => {
    const context = await shopper.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/products/classic-tee?Size=L&Colour=Red`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expectText(page.getByTestId('cart-line'), 'L / Red');
    await context.close();
  }, 60_000);
});

