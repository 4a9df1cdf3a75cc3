import type { FastifyReply } from 'fastify';
import type { ShopperState } from '../http/shopper-state';
import type { ShopperActions } from '../shopper-actions';
import { html, type SafeHtml } from '../views/html';
import { layout } from '../views/layout';

/** Wraps page bodies in the store's frame and sends them as HTML. */
export class PageRenderer {
  constructor(private readonly actions: ShopperActions) {}

  async send(reply: FastifyReply, shopper: ShopperState, title: string, body: SafeHtml, statusCode = 200): Promise<void> {
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
      },
      body,
    );
    await reply.status(statusCode).type('text/html; charset=utf-8').send(page.value);
  }

  notFound(reply: FastifyReply, shopper: ShopperState, what: string): Promise<void> {
    return this.send(reply, shopper, 'Not found', html`<h1>Not found</h1><p>${what}</p><p><a href="/">Back to the shop</a></p>`, 404);
  }
}

