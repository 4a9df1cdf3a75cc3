import { createHash } from 'node:crypto';
import { html, type SafeHtml } from './html';

export interface LayoutModel {
  readonly storeName: string;
  readonly title: string;
  readonly signedInAs: string | null;
  readonly cartCount: number;
  readonly csrfToken: string;
  /** The store takes no real payments yet: every page says so. */
  readonly testMode: boolean;
  readonly seo: PageSeo;
}

/** What search engines and link previews read from a page's head. */
export interface PageSeo {
  /** Absolute URL of the page without its variant or sort parameters; absent on private pages. */
  readonly canonicalUrl?: string;
  readonly description?: string;
  readonly ogType?: 'website' | 'product';
  readonly image?: string;
  /** A shopper's own pages (cart, checkout, account, orders) and search results stay out of indexes. */
  readonly noindex?: boolean;
}

function seoTags(model: LayoutModel): SafeHtml {
  const seo = model.seo;
  const title = `${model.title} · ${model.storeName}`;
  if (seo.noindex) return html`<meta name="robots" content="noindex">`;
  return html`${seo.description ? html`<meta name="description" content="${seo.description}">` : ''}
${seo.canonicalUrl ? html`<link rel="canonical" href="${seo.canonicalUrl}">` : ''}
<meta property="og:title" content="${title}">
<meta property="og:site_name" content="${model.storeName}">
<meta property="og:type" content="${seo.ogType ?? 'website'}">
${seo.canonicalUrl ? html`<meta property="og:url" content="${seo.canonicalUrl}">` : ''}
${seo.description ? html`<meta property="og:description" content="${seo.description}">` : ''}
${seo.image ? html`<meta property="og:image" content="${seo.image}">` : ''}`;
}

export const STYLESHEET = `
  *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fafafa}
  header,main,footer{max-width:60rem;margin:0 auto;padding:1rem}
  header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
  header a{color:inherit}nav{display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
  .brand{font-size:1.4rem;font-weight:700;text-decoration:none}
  .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1rem;list-style:none;padding:0}
  .card{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:1rem}
  .price{font-weight:700}.muted{color:#595959}.error{color:#a40000}.notice{background:#fff4ce;padding:.5rem}
  label{display:block;margin:.5rem 0 .2rem}input,select,button{font:inherit;padding:.4rem}
  button{cursor:pointer}table{border-collapse:collapse;width:100%}td,th{padding:.4rem;border-bottom:1px solid #ddd;text-align:left}
  .inline{display:inline}
  .test-mode{background:#1a1a1a;color:#fff;text-align:center;padding:.4rem;margin:0}
  .review-body{white-space:pre-line}
`;
/** Versioned by content, so browsers may cache it for a year. */
export const STYLESHEET_PATH = `/assets/storefront.${createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 12)}.css`;

/** The page frame every storefront page shares: store name, navigation, cart count, sign-in state. */
export function layout(model: LayoutModel, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${model.title} · ${model.storeName}</title>
${seoTags(model)}
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
${model.testMode ? html`<p class="test-mode" role="status" data-testid="test-mode-banner">Test mode: this store takes no real payments. Use the test card to try the checkout.</p>` : ''}
<header>
  <a class="brand" href="/">${model.storeName}</a>
  <form role="search" action="/search" method="get"><label for="q" class="inline">Search</label> <input id="q" name="q" type="search"> <button>Go</button></form>
  <nav aria-label="Account and cart">
    <a href="/cart">Cart (<span data-testid="cart-count">${model.cartCount}</span>)</a>
    ${
      model.signedInAs
        ? html`<a href="/account">${model.signedInAs}</a>
          <form class="inline" method="post" action="/account/sign-out"><input type="hidden" name="_csrf" value="${model.csrfToken}"><button>Sign out</button></form>`
        : html`<a href="/account">Sign in or register</a>`
    }
  </nav>
</header>
<main id="main">
${body}
</main>
<footer class="muted">${model.storeName}</footer>
</body>
</html>`;
}

