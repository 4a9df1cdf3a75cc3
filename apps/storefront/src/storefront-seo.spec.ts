import { CategoryService, recordCatalogChangesInOutbox } from '@storefront/catalog';
import { sitemapFiles } from './views/seo.views';
import { StorefrontHarness } from '../test/storefront-harness';

describe('SEO and security headers: canonical URLs, descriptions, Open Graph, robots.txt, the sitemap, CSP', () => {
  let harness: StorefrontHarness;

  beforeAll(async () => {
    harness = await StorefrontHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('gives product pages a canonical URL without variant parameters, a description, Open Graph and JSON-LD with availability', async () => {
    const store = await harness.createStore('Seo Shop');
    await harness.createProduct(store, { title: 'Classic T-shirt', slug: 'classic-tee', description: 'Soft organic cotton, cut for every day.', images: ['https://cdn.example.com/tee.jpg'] });
    const tab = harness.client(store);
    const page = await tab.get('/products/classic-tee?Size=M&Colour=Blue');
    const origin = `http://${store.host}`;
    expect(page.text).toContain(`<link rel="canonical" href="${origin}/products/classic-tee">`);
    expect(page.text).toContain('<meta name="description" content="Soft organic cotton, cut for every day.">');
    expect(page.text).toContain('<meta property="og:type" content="product">');
    expect(page.text).toContain('<meta property="og:image" content="https://cdn.example.com/tee.jpg">');
    const jsonLd = JSON.parse(/<script type="application\/ld\+json" data-testid="structured-data">(.*?)<\/script>/s.exec(page.text)![1]!);
    expect(jsonLd.offers).toEqual({ '@type': 'Offer', price: '19.99', priceCurrency: 'EUR', availability: 'https://schema.org/InStock' });

    expect(page.headers).toMatchObject({
      'content-security-policy': expect.stringContaining("script-src 'self'"),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['strict-transport-security']).toBeUndefined(); // plain http here

    const cart = await tab.get('/cart');
    expect(cart.text).toContain('<meta name="robots" content="noindex">');
    expect(cart.text).not.toContain('rel="canonical"');
  });

  it('serves robots.txt and a sitemap of the store\u2019s categories and active products on its own host', async () => {
    const store = await harness.createStore('Map Shop');
    await harness.createProduct(store, { title: 'Classic T-shirt', slug: 'classic-tee' });
    await harness.createProduct(store, { title: 'Old hat', slug: 'old-hat', status: 'archived', variants: [{ sku: `HAT-${store.slug}`.toUpperCase(), options: {}, stock: 1 }], options: [] });
    await new CategoryService(harness.tenancy.unitOfWork, recordCatalogChangesInOutbox).create(store.ctx, { name: 'Tees', slug: 'tees' });
    const tab = harness.client(store);
    const origin = `http://${store.host}`;

    const robots = await tab.get('/robots.txt');
    expect(robots.text).toContain('Disallow: /checkout');
    expect(robots.text).toContain(`Sitemap: ${origin}/sitemap.xml`);

    const sitemap = await tab.get('/sitemap.xml');
    expect(sitemap.headers['content-type']).toContain('application/xml');
    const locations = [...sitemap.text.matchAll(/<loc>(.*?)<\/loc>/g)].map((m) => m[1]);
    expect(locations).toEqual([`${origin}/`, `${origin}/categories/tees`, `${origin}/products/classic-tee`]);
    expect((await tab.get('/sitemap-1.xml')).status).toBe(404); // one file: no index
    // Another store's sitemap lists none of this store's pages.
    const other = await harness.createStore('Other Shop');
    expect((await harness.client(other).get('/sitemap.xml')).text).not.toContain('classic-tee');
  });

  it('splits past 50,000 URLs (the home page counts)', () => {
    expect(sitemapFiles(49_999)).toBe(1);
    expect(sitemapFiles(50_000)).toBe(2);
    expect(sitemapFiles(120_000)).toBe(3);
  });
});
