import type { CategoryView, ProductView, RunningSalePrice, VariantView } from '@storefront/catalog';
import type { ProductCard, ProductPage } from '../catalog/storefront-catalog';
import { formatMoney, html, type SafeHtml } from './html';

export function priceOf(product: ProductView, variant?: VariantView): number {
  return variant?.price?.amount ?? product.price.amount;
}

function productCard(product: ProductCard, locale: string): SafeHtml {
  return html`<li class="card">
    <a href="/products/${encodeURIComponent(product.slug)}"><strong>${product.title}</strong></a>
    ${product.images[0] ? html`<img src="${product.images[0]}" alt="" width="200" loading="lazy">` : ''}
    <div class="price">${formatMoney(product.price.amount, product.price.currency, locale)}</div>
  </li>`;
}

export function productGrid(products: readonly ProductCard[], locale: string): SafeHtml {
  if (products.length === 0) return html`<p class="muted">No products here yet.</p>`;
  return html`<ul class="grid">${products.map((p) => productCard(p, locale))}</ul>`;
}

export function pagination(page: ProductPage, baseHref: string): SafeHtml {
  if (page.pageCount <= 1) return html``;
  const join = baseHref.includes('?') ? '&' : '?';
  return html`<nav aria-label="Pages"><p>
    ${page.page > 1 ? html`<a rel="prev" href="${baseHref}${join}page=${page.page - 1}">Previous</a>` : ''}
    Page ${page.page} of ${page.pageCount}
    ${page.page < page.pageCount ? html`<a rel="next" href="${baseHref}${join}page=${page.page + 1}">Next</a>` : ''}
  </p></nav>`;
}

export function homeView(categories: readonly CategoryView[], featured: readonly ProductCard[], locale: string): SafeHtml {
  return html`<h1>Welcome</h1>
  ${categories.length ? html`<h2>Categories</h2><ul>${categories.map((c) => html`<li><a href="/categories/${encodeURIComponent(c.slug)}">${c.name}</a></li>`)}</ul>` : ''}
  <h2>Featured</h2>${productGrid(featured, locale)}`;
}

export function listingView(heading: string, page: ProductPage, baseHref: string, locale: string): SafeHtml {
  return html`<h1>${heading}</h1><p class="muted">${page.total} products</p>${suggestionsOf(page)}${productGrid(page.items, locale)}${pagination(page, baseHref)}`;
}

/** "Did you mean" links, when a search found nothing but a nearby query would. */
function suggestionsOf(page: ProductPage): SafeHtml {
  if (!page.suggestions?.length) return html``;
  return html`<p data-testid="suggestions">Did you mean ${page.suggestions.map(
    (suggestion, i) => html`${i > 0 ? ', ' : ''}<a href="/search?q=${encodeURIComponent(suggestion)}">${suggestion}</a>`,
  )}?</p>`;
}

/** Picks the variant matching the chosen option values, else the first one. */
export function chooseVariant(product: ProductView, chosen: Readonly<Record<string, string>>): VariantView | undefined {
  return (
    product.variants.find((v) => product.options.every((o) => !chosen[o.name] || v.options[o.name] === chosen[o.name])) ??
    product.variants[0]
  );
}

/** "Black Friday: €14.99 instead of €19.99, until 28 Nov 2026, 00:00 UTC" for the chosen variant's running sale. */
function saleNotice(sale: RunningSalePrice, regular: string, price: string, locale: string): SafeHtml {
  // dateStyle excludes timeZoneName, so the zone is written out.
  const until = `${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(sale.endsAt))} UTC`;
  return html`<p class="notice" data-testid="sale">${sale.saleName}: <strong>${price}</strong> instead of <s>${regular}</s>, until <time datetime="${sale.endsAt}">${until}</time></p>`;
}

export function productView(product: ProductView, variant: VariantView | undefined, csrfToken: string, locale: string, message?: SafeHtml, sales: readonly RunningSalePrice[] = []): SafeHtml {
  const regular = formatMoney(priceOf(product, variant), product.price.currency, locale);
  const sale = variant ? sales.find((candidate) => candidate.sku === variant.sku) : undefined;
  const price = sale ? formatMoney(sale.saleAmount, product.price.currency, locale) : regular;
  const stock = variant?.stock ?? 0;
  return html`<article>
  <h1>${product.title}</h1>
  ${product.images.map((src) => html`<img src="${src}" alt="${product.title}" width="320">`)}
  <p>${product.description}</p>
  ${message ?? ''}
  <form method="get" action="/products/${encodeURIComponent(product.slug)}" aria-label="Choose options">
    ${product.options.map(
      (option, i) => html`<label for="opt-${i}">${option.name}</label>
      <select id="opt-${i}" name="${option.name}">${option.values.map(
        (value) => html`<option value="${value}"${variant?.options[option.name] === value ? html` selected` : ''}>${value}</option>`,
      )}</select>`,
    )}
    ${product.options.length ? html`<button>Show price and stock</button>` : ''}
  </form>
  ${sale ? saleNotice(sale, regular, price, locale) : sales.length > 0 ? html`<p class="notice" data-testid="sale">${sales[0]!.saleName}: sale prices on some options</p>` : ''}
  <p><span class="price" data-testid="price">${price}</span>
     <span data-testid="stock">${stock > 0 ? `${stock} in stock` : 'Sold out'}</span>
     ${variant ? html`<span class="muted">SKU ${variant.sku}</span>` : ''}</p>
  ${
    variant && stock > 0
      ? html`<form method="post" action="/cart/items">
      <input type="hidden" name="_csrf" value="${csrfToken}">
      <input type="hidden" name="sku" value="${variant.sku}">
      <input type="hidden" name="returnTo" value="/products/${encodeURIComponent(product.slug)}">
      <label for="quantity">Quantity</label> <input id="quantity" name="quantity" type="number" min="1" max="${stock}" value="1">
      <button>Add to cart</button>
    </form>`
      : ''
  }
</article>`;
}
