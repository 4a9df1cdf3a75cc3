import { expectText } from '@storefront/testing';
import { SellingRulesService } from '@storefront/orders';
import { startShopperBrowser, type ShopperBrowser } from '../test/shopper-browser';
import { StorefrontHarness, type TestStore } from '../test/storefront-harness';

/**
 * A shopper in headless Chromium buys from an EU store whose prices include VAT: a running sale
 * on one variant, shipping chosen per address, a discount code, and the breakdown on cart,
 * checkout and confirmation, to the cent.
 */
describe('checkout with shipping, tax, a sale and a discount code in headless Chromium', () => {
  let harness: StorefrontHarness;
  let shopper: ShopperBrowser;
  let store: TestStore;
  let origin: string;

  beforeAll(async () => {
    harness = await StorefrontHarness.start();
    store = await harness.createStore('Berlin Basics', 'EUR');
    const product = await harness.createProduct(store, { title: 'Classic T-shirt', slug: 'classic-tee' });
    const rules = new SellingRulesService(harness.tenancy.unitOfWork);
    await rules.setTaxSettings(store.ctx, { pricesIncludeTax: true });
    await rules.createZone(store.ctx, {
      name: 'Germany',
      countries: ['DE'],
      regions: [],
      postalPrefixes: [],
      shippingTaxable: true,
      taxRates: [{ category: 'standard', ratePpm: 190_000, label: 'VAT' }],
      methods: [
        { name: 'DHL Paket', rate: { kind: 'flat', amount: 490 }, freeOverAmount: 10_000 },
        { name: 'DHL Express', rate: { kind: 'flat', amount: 1290 }, freeOverAmount: null },
      ],
    });
    await rules.createCode(store.ctx, { code: 'WELCOME10', value: { kind: 'percent', percentBp: 1000 }, minSubtotalAmount: 0, usageLimit: 100, perCustomerLimit: 1, startsAt: null, endsAt: null });
    const blue = product.variants.find((v) => v.options.Size === 'M' && v.options.Colour === 'Blue')!;
    await rules.createSale(store.ctx, {
      name: 'Winter sale',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      perCustomerLimit: null,
      prices: [{ variantId: blue.id, saleAmount: 1499, stockCap: null }],
    });
    shopper = await startShopperBrowser(harness, store, 'storefront-selling-e2e');
    origin = shopper.origin;
  }, 600_000);

  afterAll(async () => {
    await shopper?.close();
    await harness?.close();
  });

  it('shows the sale, quotes shipping and VAT for the address, takes the code and charges the breakdown', async () => {
    const context = await shopper.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/products/classic-tee?Size=M&Colour=Blue`);
    await expectText(page.getByTestId('sale'), 'Winter sale: €14.99 instead of €19.99, until');
    await shopper.snap(page, '01-product-on-sale');
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.goto(`${origin}/cart`);
    await expectText(page.getByTestId('sale-price'), '€14.99');
    await expectText(page.getByTestId('total'), '€29.98');
    await shopper.snap(page, '02-cart');

    await page.getByRole('link', { name: 'Check out' }).click();
    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByLabel('Address').fill('Unter den Linden 1');
    await page.getByLabel('City').fill('Berlin');
    await page.getByLabel('Postal code').fill('10117');
    await page.getByLabel('Country code (e.g. DE)').fill('DE');
    await page.getByLabel('Email for your receipt').fill('ada@example.com');
    await page.getByLabel('Discount code').fill('welcome10');
    await page.getByRole('button', { name: 'Update totals' }).click();
    // 2998 - 10% (300) = 2698, shipping 490 (cheapest), total 3188; VAT inside: 2698 x 19/119 = 431, 490 x 19/119 = 78
    await expectText(page.getByTestId('discount'), 'Code WELCOME10 −€3.00');
    await expectText(page.getByTestId('shipping'), 'Shipping (DHL Paket) €4.90');
    await expectText(page.getByTestId('tax'), 'Including VAT (19%) €5.09');
    await expectText(page.getByTestId('total'), '€31.88');
    await page.getByLabel('DHL Express: €12.90').check();
    await page.getByRole('button', { name: 'Update totals' }).click();
    await expectText(page.getByTestId('total'), '€39.88');
    await shopper.snap(page, '03-checkout-quoted');

    await page.getByRole('button', { name: 'Place order' }).click();
    await expectText(page.getByTestId('order-confirmation'), 'Order');
    await expectText(page.getByTestId('total'), '€39.88');
    await expectText(page.getByTestId('shipping'), 'DHL Express');
    await shopper.snap(page, '04-confirmation');
    await context.close();
  }, 120_000);

  it('says plainly when the store does not ship to the address or the code is unknown', async () => {
    const context = await shopper.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/products/classic-tee?Size=S&Colour=Red`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.goto(`${origin}/checkout`);
    await page.getByLabel('Postal code').fill('75001');
    await page.getByLabel('Country code (e.g. DE)').fill('FR');
    await page.getByLabel('Discount code').fill('NOPE');
    await page.getByRole('button', { name: 'Update totals' }).click();
    await expectText(page.locator('[role=alert]'), 'there is no code NOPE in this store');
    await page.getByLabel('Discount code').fill('');
    await page.getByRole('button', { name: 'Update totals' }).click();
    await expectText(page.locator('[role=alert]'), 'this store does not ship to FR');
    await shopper.snap(page, '05-no-shipping');
    await context.close();
  }, 60_000);
});

