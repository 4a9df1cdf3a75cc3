import { currencyExponent } from '@storefront/pricing';
import type { ProductView } from '@storefront/catalog';
import { REVIEW_LIMITS, REVIEW_SORTS, type ReviewPage, type ReviewSort, type ReviewView } from '@storefront/contracts';
import { priceOf } from './catalog.views';
import { html, SafeHtml } from './html';

const SORT_LABELS: Record<ReviewSort, string> = { newest: 'Newest', highest: 'Highest rated', lowest: 'Lowest rated' };

function stars(rating: number): string {
  const full = Math.round(rating);
  return '★'.repeat(full) + '☆'.repeat(5 - full);
}

/** Average, count and the histogram of approved reviews, then one page of them with sort and paging links. */
export function reviewsSection(product: ProductView, reviews: ReviewPage, form: SafeHtml): SafeHtml {
  const base = `/products/${encodeURIComponent(product.slug)}`;
  const { summary } = reviews;
  return html`<section aria-labelledby="reviews-heading" data-testid="reviews">
  <h2 id="reviews-heading">Reviews</h2>
  ${
    summary.count === 0
      ? html`<p class="muted" data-testid="rating-summary">No reviews yet.</p>`
      : html`<p data-testid="rating-summary"><span aria-hidden="true">${stars(summary.average!)}</span>
      <strong data-testid="rating-average">${summary.average!.toFixed(1)}</strong> out of 5 ·
      <span data-testid="rating-count">${summary.count} ${summary.count === 1 ? 'review' : 'reviews'}</span></p>
    <table aria-label="Ratings" data-testid="rating-histogram">${[5, 4, 3, 2, 1].map(
      (rating) => html`<tr><th scope="row">${rating} ★</th><td>${summary.histogram[rating - 1]}</td></tr>`,
    )}</table>
    <nav aria-label="Sort reviews"><p>Sort: ${REVIEW_SORTS.map((sort) =>
      sort === reviews.sort
        ? html`<strong>${SORT_LABELS[sort]}</strong> `
        : html`<a href="${base}?reviews=${sort}#reviews-heading">${SORT_LABELS[sort]}</a> `,
    )}</p></nav>`
  }
  <ol class="reviews" data-testid="review-list">${reviews.items.map(
    (review) => html`<li class="card" data-review-id="${review.id}">
      <p><span aria-label="${review.rating} out of 5">${stars(review.rating)}</span> <strong>${review.title}</strong></p>
      <p class="review-body">${review.body}</p>
      <p class="muted">${review.authorName} · Verified purchase · <time datetime="${review.createdAt}">${review.createdAt.slice(0, 10)}</time></p>
      ${review.reply ? html`<blockquote><p><strong>Reply from the store:</strong> ${review.reply.text}</p></blockquote>` : ''}
    </li>`,
  )}</ol>
  ${
    reviews.pageCount > 1
      ? html`<nav aria-label="Review pages"><p>
      ${reviews.page > 1 ? html`<a href="${base}?reviews=${reviews.sort}&amp;reviewPage=${reviews.page - 1}#reviews-heading">Previous</a>` : ''}
      Page ${reviews.page} of ${reviews.pageCount}
      ${reviews.page < reviews.pageCount ? html`<a href="${base}?reviews=${reviews.sort}&amp;reviewPage=${reviews.page + 1}#reviews-heading">Next</a>` : ''}
    </p></nav>`
      : ''
  }
  ${form}
</section>`;
}

/** What a shopper may do here: sign in, write a review, or see and change their own. */
export function reviewForm(product: ProductView, csrfToken: string, signedIn: boolean, mine: ReviewView | null, message?: string): SafeHtml {
  const action = `/products/${encodeURIComponent(product.slug)}/reviews`;
  if (!signedIn) return html`<p><a href="/account">Sign in</a> to review a product you bought.</p>`;
  const statusNote = mine
    ? html`<p class="muted" data-testid="my-review-status">Your review is ${mine.status === 'approved' ? 'published' : mine.status === 'pending' ? 'waiting for the store to approve it' : 'hidden by the store'}.</p>`
    : '';
  return html`<h3>${mine ? 'Your review' : 'Write a review'}</h3>
  ${message ? html`<p role="alert" class="error">${message}</p>` : ''}
  ${statusNote}
  <form method="post" action="${action}" aria-label="${mine ? 'Edit your review' : 'Write a review'}">
    <input type="hidden" name="_csrf" value="${csrfToken}">
    <label for="review-rating">Rating</label>
    <select id="review-rating" name="rating">${[5, 4, 3, 2, 1].map(
      (rating) => html`<option value="${rating}"${mine?.rating === rating ? html` selected` : ''}>${rating} ★</option>`,
    )}</select>
    <label for="review-title">Title</label>
    <input id="review-title" name="title" required maxlength="${REVIEW_LIMITS.title}" value="${mine?.title ?? ''}">
    <label for="review-body">Review</label>
    <textarea id="review-body" name="body" rows="4" maxlength="${REVIEW_LIMITS.body}">${mine?.body ?? ''}</textarea>
    <label for="review-author">Name shown (optional)</label>
    <input id="review-author" name="authorName" maxlength="${REVIEW_LIMITS.authorName}" value="${mine?.authorName ?? ''}">
    <button>${mine ? 'Save review' : 'Post review'}</button>
  </form>
  ${
    mine
      ? html`<form method="post" action="${action}/delete" class="inline"><input type="hidden" name="_csrf" value="${csrfToken}"><button>Delete my review</button></form>`
      : ''
  }`;
}

/**
 * schema.org Product with aggregateRating and the reviews on this page, all approved. `<` is
 * written as \\u003c so no value can close the script element.
 */
export function productStructuredData(product: ProductView, reviews: ReviewPage, storeUrlPath: string): SafeHtml {
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    description: product.description,
    image: product.images,
    url: storeUrlPath,
    offers: {
      '@type': 'Offer',
      price: decimalPrice(priceOf(product), product.price.currency),
      priceCurrency: product.price.currency,
      availability: product.variants.some((variant) => variant.stock > 0) ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
    },
  };
  if (reviews.summary.count > 0) {
    data.aggregateRating = { '@type': 'AggregateRating', ratingValue: reviews.summary.average, reviewCount: reviews.summary.count, bestRating: 5, worstRating: 1 };
    data.review = reviews.items.map((review) => ({
      '@type': 'Review',
      name: review.title,
      reviewBody: review.body,
      datePublished: review.createdAt.slice(0, 10),
      author: { '@type': 'Person', name: review.authorName },
      reviewRating: { '@type': 'Rating', ratingValue: review.rating, bestRating: 5, worstRating: 1 },
    }));
  }
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return new SafeHtml(`<script type="application/ld+json" data-testid="structured-data">${json}</script>`);
}

/** Minor units as schema.org's decimal price, by the currency's exponent (JPY 1980 is "1980", EUR 1999 is "19.99"). */
function decimalPrice(amount: number, currency: string): string {
  const digits = currencyExponent(currency);
  if (digits === 0) return String(amount);
  const text = String(amount).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
