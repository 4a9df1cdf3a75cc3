import { Controller, Get, Header } from '@nestjs/common';
import { STYLESHEET } from '../views/layout';

/** The stylesheet every page links to, served apart so pages stay small and browsers cache it. */
@Controller('assets')
export class AssetsController {
  @Get('storefront.:version.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=31536000, immutable')
  stylesheet(): string {
    return STYLESHEET;
  }
}
