import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { SITEMAP_MAX_URLS } from '@storefront/catalog';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { storeOriginOf } from '../http/store-origin';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';
import { robotsTxt, sitemapFiles, sitemapIndexXml, sitemapXml } from '../views/seo.views';

/**
 * robots.txt and the store's sitemap on the host the request came in on (each domain of a store
 * lists its own URLs). One file up to 50,000 URLs; past it `/sitemap.xml` is an index of
 * `/sitemap-<n>.xml` files.
 */
@Controller()
export class SeoController {
  constructor(@Inject(STOREFRONT_SERVICES) private readonly services: StorefrontServices) {}

  @Get('robots.txt')
  async robots(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(robotsTxt(storeOriginOf(request)));
  }

  @Get('sitemap.xml')
  async sitemap(@Req() request: FastifyRequest, @Shopper() shopper: ShopperState, @Res() reply: FastifyReply): Promise<void> {
    const origin = storeOriginOf(request);
    const files = sitemapFiles(await this.services.sitemap.count(shopper.ctx));
    const body = files > 1 ? sitemapIndexXml(origin, files) : sitemapXml(origin, await this.services.sitemap.slice(shopper.ctx, 0, SITEMAP_MAX_URLS - 1), true);
    return sendXml(reply, body);
  }

  @Get('sitemap-:file.xml')
  async sitemapFile(@Req() request: FastifyRequest, @Shopper() shopper: ShopperState, @Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const files = sitemapFiles(await this.services.sitemap.count(shopper.ctx));
    const n = /^[1-9]\d{0,5}$/.test(file) ? Number(file) : 0;
    if (files === 1 || n < 1 || n > files) {
      await reply.status(404).type('text/plain; charset=utf-8').send('no such sitemap file');
      return;
    }
    // The first file also lists the home page, so it holds one entry fewer.
    const offset = n === 1 ? 0 : (n - 1) * SITEMAP_MAX_URLS - 1;
    const entries = await this.services.sitemap.slice(shopper.ctx, offset, n === 1 ? SITEMAP_MAX_URLS - 1 : SITEMAP_MAX_URLS);
    return sendXml(reply, sitemapXml(storeOriginOf(request), entries, n === 1));
  }
}

async function sendXml(reply: FastifyReply, body: string): Promise<void> {
  await reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
}
