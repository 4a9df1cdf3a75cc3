import type { CategoryView, ProductView, VariantView } from '@storefront/catalog';
import type { ProductPage } from '../catalog/storefront-catalog';
import { formatMoney, html, type SafeHtml } from './html';

export function priceOf(product: ProductView, variant?: VariantView): number {
  return variant?.price?.amount ?? product.price.amount;
}

function productCard(product: ProductView, locale: string): SafeHtml {
  return html`<li class="card">
    <a href="/products/${encodeURIComponent(product.slug)}"><strong>${product.title}</strong></a>
    ${product.images[0] ? html`<img src="${product.images[0]}" alt="" width="200" loading="lazy">` : ''}
    <div class="price">${formatMoney(product.price.amount, product.price.currency, locale)}</div>
  </li>`;
}

export function productGrid(products: readonly ProductView[], locale: string): SafeHtml {
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

export function homeView(categories: readonly CategoryView[], featured: readonly ProductView[], locale: string): SafeHtml {
  return html`<h1>Welcome</h1>
  ${categories.length ? html`<h2>Categories</h2><ul>${categories.map((c) => html`<li><a href="/categories/${encodeURIComponent(c.slug)}">${c.name}</a></li>`)}</ul>` : ''}
  <h2>Featured</h2>${productGrid(featured, locale)}`;
}

export function listingView(heading: string, page: ProductPage, baseHref: string, locale: string): SafeHtml {
  return html`<h1>${heading}</h1><p class="muted">${page.total} products</p>${productGrid(page.items, locale)}${pagination(page, baseHref)}`;
}

/** Picks the variant matching the chosen option values, else the first one. */
export function chooseVariant(product: ProductView, chosen: Readonly<Record<string, string>>): VariantView | undefined {
  return (
    product.variants.find((v) => product.options.every((o) => !chosen[o.name] || v.options[o.name] === chosen[o.name])) ??
    product.variants[0]
  );
}

export function productView(product: ProductView, variant: VariantView | undefined, csrfToken: string, locale: string, message?: SafeHtml): SafeHtml {
  const price = formatMoney(priceOf(product, variant), product.price.currency, locale);
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
