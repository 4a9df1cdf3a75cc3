import type { FastifyReply } from 'fastify';
import type { ShopperState } from '../http/shopper-state';
import type { ShopperActions } from '../shopper-actions';
import { html, type SafeHtml } from '../views/html';
import { storeOriginOf } from '../http/store-origin';
import { layout } from '../views/layout';
import { isPrivatePath } from '../views/seo.views';

/** What a page says about itself to search engines; the path is made absolute on the store's origin. */
export interface PageMeta {
  readonly canonicalPath?: string;
  readonly description?: string;
  readonly ogType?: 'website' | 'product';
  readonly image?: string;
}

/** A description of at most 160 characters, cut at a word, from a product's or page's text. */
export function describe(text: string): string | undefined {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  return flat.length <= 160 ? flat : `${flat.slice(0, 157).replace(/\s+\S*$/, '')}…`;
}

/** Wraps page bodies in the store's frame and sends them as HTML. */
export class PageRenderer {
  constructor(private readonly actions: ShopperActions) {}

  async send(reply: FastifyReply, shopper: ShopperState, title: string, body: SafeHtml, statusCode = 200, meta: PageMeta = {}): Promise<void> {
    // Only shoppers with a cart pay for counting it; plain browsing stays a cache read.
    const cartCount = shopper.session.cartId ? (await this.actions.cart(shopper)).itemCount : 0;
    const page = layout(
      {
        storeName: shopper.store.name,
        title,
        signedInAs: shopper.session.email,
        cartCount,
        csrfToken: shopper.csrfToken,
        testMode: shopper.store.payment.mode === 'test',
        seo: isPrivatePath(reply.request.url) || statusCode >= 400
          ? { noindex: true }
          : {
              ...(meta.canonicalPath ? { canonicalUrl: `${storeOriginOf(reply.request)}${encodeURI(meta.canonicalPath)}` } : {}),
              ...(meta.description ? { description: meta.description } : {}),
              ...(meta.ogType ? { ogType: meta.ogType } : {}),
              ...(meta.image ? { image: meta.image } : {}),
            },
      },
      body,
    );
    await reply.status(statusCode).type('text/html; charset=utf-8').send(page.value);
  }

  notFound(reply: FastifyReply, shopper: ShopperState, what: string): Promise<void> {
    return this.send(reply, shopper, 'Not found', html`<h1>Not found</h1><p>${what}</p><p><a href="/">Back to the shop</a></p>`, 404);
  }
}

