import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { BrowserDocument } from '../test/browser-dom';
import { descriptionOf, expectNoSeriousViolations, expectText, signIn, snap, tShirtProduct, useConsoleHarness } from '../test/console-harness';

// Used only inside page.evaluate callbacks, which run in Chromium.
declare const document: BrowserDocument;

describe("console: a store's selling rules in headless Chromium against the real platform API", () => {
  const platform = useConsoleHarness();

  const sellingSection = async (page: Page, name: string) => {
    await page.getByRole('navigation', { name: 'Selling' }).getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
  };
  const status = (page: Page, text: string) => expectText(page.getByRole('status').filter({ hasText: text }), text);
  /** The field is marked invalid once the answer is there; then its description carries the API's message. */
  const invalid = async (page: Page, label: string) => {
    const field = page.getByLabel(label, { exact: true });
    await field.and(page.locator('[aria-invalid="true"]')).waitFor();
    return descriptionOf(field);
  };

  it('sets prices to include tax, builds a zone with VAT and weight tiers and edits it, refuses a 120 % code under its field, and adds a promotion and a sale', async () => {
    const { harness } = platform;
    const merchant = await harness.api.signupMerchant({ storeName: 'Selling Desk' });
    const token = merchant.token;
    expect((await harness.api.request('PATCH', '/api/v1/store/settings', { token, body: { currency: 'EUR' } })).status).toBe(200);
    const skuPrefix = `SD-${randomUUID().slice(0, 4)}`.toUpperCase();
    expect((await harness.api.request('POST', '/api/v1/products', { token, body: tShirtProduct(skuPrefix) })).status).toBe(201);
    expect((await harness.api.request('POST', '/api/v1/categories', { token, body: { name: 'Shirts' } })).status).toBe(201);

    const page = await harness.newPage();
    await signIn(page, merchant.email, merchant.password);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Selling' }).click();
    await page.getByRole('heading', { name: 'Shipping & tax', level: 1 }).waitFor();
    await expectText(page.getByText('No shipping zones yet'), 'No shipping zones yet');
    expect(await page.getByRole('navigation', { name: 'Selling' }).getByRole('link', { name: 'Shipping & tax' }).getAttribute('aria-current')).toBe('page');
    await expectNoSeriousViolations(page, 'shipping & tax, new store');
    await snap(page, '90-selling-shipping-new-store');

    // Prices include tax: saved on its own, and kept after a reload.
    await page.getByLabel('Prices include tax').check();
    await page.getByRole('button', { name: 'Save tax settings' }).click();
    await status(page, 'Tax settings saved.');
    expect((await harness.api.request('GET', '/api/v1/tax-settings', { token })).body).toEqual({ pricesIncludeTax: true });
    await page.reload();
    await page.getByLabel('Prices include tax').and(page.locator(':checked')).waitFor();

    // A zone with a country that does not exist and falling weight tiers: each refusal under its field.
    await page.getByRole('link', { name: 'New shipping zone' }).click();
    await page.getByRole('heading', { name: 'New shipping zone' }).waitFor();
    await page.getByLabel('Zone name').fill('Germany & Austria');
    await page.getByLabel('Countries').fill('de, XX');
    await page.getByRole('button', { name: 'Add tax rate' }).click();
    await page.getByLabel('Tax rate 1 percent').fill('19');
    await page.getByLabel('Tax rate 1 name').fill('VAT');
    await page.getByLabel('Charge tax on shipping').check();
    await page.getByRole('button', { name: 'Add shipping method' }).click();
    await page.getByLabel('Method 1 name').fill('DHL Paket');
    await page.getByLabel('Method 1 price', { exact: true }).selectOption('weight');
    await page.getByLabel('Method 1 tier 1 up to (grams)').fill('1000');
    await page.getByLabel('Method 1 tier 1 price (EUR)').fill('4.99');
    await page.getByRole('button', { name: 'Add tier to Method 1' }).click();
    await page.getByLabel('Method 1 tier 2 up to (grams)').fill('500');
    await page.getByLabel('Method 1 tier 2 price (EUR)').fill('8.99');
    await page.getByLabel('Method 1 free over (EUR)').fill('50');
    await page.getByRole('button', { name: 'Create shipping zone' }).click();
    expect(await invalid(page, 'Countries')).toContain('XX: is not a country this platform knows');
    expect(await descriptionOf(page.getByRole('group', { name: 'Method 1 tiers' }))).toContain('tiers must rise by upToGrams');
    expect(await descriptionOf(page.getByLabel('Zone name'))).toBe('');
    await expectNoSeriousViolations(page, 'zone with field errors');
    await snap(page, '91-selling-zone-field-errors');

    await page.getByLabel('Countries').fill('DE, AT');
    await page.getByLabel('Method 1 tier 2 up to (grams)').fill('5000');
    await page.getByRole('button', { name: 'Create shipping zone' }).click();
    await status(page, 'Shipping zone created.');
    await page.getByRole('heading', { name: 'Germany & Austria', level: 1 }).waitFor();
    const [created] = (await harness.api.request<{ items: { id: string; methods: { id: string }[] }[] }>('GET', '/api/v1/shipping-zones', { token })).body.items;
    expect(created).toMatchObject({
      countries: ['DE', 'AT'],
      shippingTaxable: true,
      taxRates: [{ category: 'standard', ratePpm: 190_000, label: 'VAT' }],
      methods: [{ name: 'DHL Paket', rate: { kind: 'weight', tiers: [{ upToGrams: 1000, amount: 499 }, { upToGrams: 5000, amount: 899 }] }, freeOverAmount: 5000 }],
    });

    // The edit replaces the zone whole; the method keeps its id, so a shopper's choice stays valid.
    expect(await page.getByLabel('Method 1 tier 1 price (EUR)').inputValue()).toBe('4.99');
    await page.getByLabel('Method 1 name').fill('DHL Paket (2-3 days)');
    await page.getByLabel('Tax rate 1 percent').fill('20');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await status(page, 'Changes saved.');
    const edited = (await harness.api.request<{ methods: { id: string; name: string }[]; taxRates: unknown[] }>('GET', `/api/v1/shipping-zones/${created!.id}`, { token })).body;
    expect(edited.methods).toEqual([expect.objectContaining({ id: created!.methods[0]!.id, name: 'DHL Paket (2-3 days)' })]);
    expect(edited.taxRates).toEqual([{ category: 'standard', ratePpm: 200_000, label: 'VAT' }]);
    await snap(page, '92-selling-zone-edited');
    await page.getByRole('link', { name: '← Shipping & tax' }).click();
    await expectText(page.getByTestId('shipping-zone-table'), 'VAT 20 % (standard)');
    await expectText(page.getByTestId('shipping-zone-table'), 'DHL Paket (2-3 days) (free over €50.00)');

    // A code for 120 %: the API's message under the percentage; 25 % is taken.
    await sellingSection(page, 'Discount codes');
    await page.getByRole('link', { name: 'New discount code' }).click();
    await page.getByLabel('Code', { exact: true }).fill('BF25');
    await page.getByLabel('Percent off').fill('120');
    await page.getByLabel('Uses in total').fill('100');
    await page.getByRole('button', { name: 'Create discount code' }).click();
    expect(await invalid(page, 'Percent off')).toContain('must be at most 100');
    expect(await descriptionOf(page.getByLabel('Code', { exact: true }))).not.toContain('must');
    await expectNoSeriousViolations(page, 'code with a bad percentage');
    await snap(page, '93-selling-code-percent-error');
    await page.getByLabel('Percent off').fill('25');
    await page.getByRole('button', { name: 'Create discount code' }).click();
    await status(page, 'Discount code created.');
    await page.getByRole('link', { name: '← Discount codes' }).click();
    await expectText(page.getByTestId('discount-code-table'), '25 % off');
    await expectText(page.getByTestId('discount-code-table'), '0 of 100');
    await snap(page, '94-selling-codes');

    // A promotion on a category picked from the store's categories.
    await sellingSection(page, 'Promotions');
    await page.getByRole('link', { name: 'New promotion' }).click();
    await page.getByLabel('Promotion name').fill('Shirt week');
    await page.getByLabel('Category').selectOption({ label: 'Shirts' });
    await page.getByLabel('Percent off').fill('20');
    await page.getByRole('button', { name: 'Create promotion' }).click();
    await status(page, 'Promotion created.');
    await page.getByRole('link', { name: '← Promotions' }).click();
    await expectText(page.getByTestId('promotion-table'), '20 % off Shirts');
    await snap(page, '95-selling-promotions');

    // A sale for one variant, picked by SKU, with a stock cap.
    await sellingSection(page, 'Sales');
    await page.getByRole('link', { name: 'New sale' }).click();
    await page.getByLabel('Sale name').fill('Black Friday');
    await page.getByLabel('Starts').fill('2026-11-27T00:00');
    await page.getByLabel('Ends').fill('2026-11-30T23:59');
    await page.getByLabel('Sale price 1 SKU').fill(`${skuPrefix}-M-BLACK`);
    expect(await descriptionOf(page.getByLabel('Sale price 1 SKU'))).toContain('Organic T-Shirt, regularly €25.00');
    await page.getByLabel('Sale price 1 amount (EUR)').fill('19.99');
    await page.getByLabel('Sale price 1 stock cap').fill('5');
    await page.getByRole('button', { name: 'Create sale' }).click();
    await status(page, 'Sale created.');
    await expectNoSeriousViolations(page, 'sale saved');
    await snap(page, '96-selling-sale-created');
    const [sale] = (await harness.api.request<{ items: unknown[] }>('GET', '/api/v1/sales', { token })).body.items;
    expect(sale).toMatchObject({ name: 'Black Friday', startsAt: new Date('2026-11-27T00:00').toISOString(), prices: [{ sku: `${skuPrefix}-M-BLACK`, saleAmount: 1999, stockCap: 5 }] });
    await page.getByRole('link', { name: '← Sales' }).click();
    await expectText(page.getByTestId('sale-table'), `${skuPrefix}-M-BLACK €19.99 (0 of 5 sold)`);
    await snap(page, '97-selling-sales');

    // Deleting asks first; then the rule is gone from the list.
    await sellingSection(page, 'Promotions');
    await page.getByRole('link', { name: 'Shirt week' }).click();
    await page.getByRole('button', { name: 'Delete promotion' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Shirt week?' });
    await dialog.waitFor();
    await snap(page, '98-selling-delete-confirmation');
    await dialog.getByRole('button', { name: 'Delete promotion' }).click();
    await page.getByRole('heading', { name: 'Promotions', level: 1 }).waitFor();
    await expectText(page.getByText('No promotions yet.'), 'No promotions yet.');
    expect((await harness.api.request<{ items: unknown[] }>('GET', '/api/v1/promotions', { token })).body.items).toEqual([]);

    // The zone editor fits a phone: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${harness.consoleUrl}selling/shipping/${created!.id}`);
    await page.getByLabel('Method 1 tier 2 price (EUR)').waitFor();
    await expectNoSeriousViolations(page, 'zone editor on a phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snap(page, '99-selling-zone-phone');
  }, 240_000);
});
