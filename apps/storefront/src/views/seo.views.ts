import { SITEMAP_MAX_URLS, type SitemapEntry } from '@storefront/catalog';

/** Pages no search engine should list: a shopper's own cart, checkout, account and orders, and search results. */
const PRIVATE_PATHS = ['/cart', '/checkout', '/account', '/orders', '/search'];

export function isPrivatePath(path: string): boolean {
  return PRIVATE_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`));
}

export function robotsTxt(origin: string): string {
  return ['User-agent: *', ...PRIVATE_PATHS.map((path) => `Disallow: ${path}`), `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** One sitemap file: the home page first in the first file, then the entries of this slice. */
export function sitemapXml(origin: string, entries: readonly SitemapEntry[], withHome: boolean): string {
  const url = (path: string, lastModified: string | null) =>
    `<url><loc>${escapeXml(origin + encodeURI(path))}</loc>${lastModified ? `<lastmod>${lastModified}</lastmod>` : ''}</url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...(withHome ? [url('/', null)] : []),
    ...entries.map((entry) => url(entry.path, entry.lastModified)),
    '</urlset>',
    '',
  ].join('\n');
}

/** The index of `files` sitemap files (`/sitemap-1.xml` ...), for a store past one file's limit. */
export function sitemapIndexXml(origin: string, files: number): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...Array.from({ length: files }, (_, i) => `<sitemap><loc>${escapeXml(`${origin}/sitemap-${i + 1}.xml`)}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
}

/** How many files a sitemap of `urls` entries (the home page included) needs. */
export function sitemapFiles(urls: number, perFile = SITEMAP_MAX_URLS): number {
  return Math.max(1, Math.ceil((urls + 1) / perFile));
}
