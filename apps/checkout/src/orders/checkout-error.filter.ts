import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { CheckoutError } from '@storefront/orders';
import type { FastifyReply } from 'fastify';

/** Expected checkout outcomes leave with their status and a stable `code` next to the usual error shape. */
@Catch(CheckoutError)
export class CheckoutErrorFilter implements ExceptionFilter {
  catch(error: CheckoutError, host: ArgumentsHost): void {
    void host.switchToHttp().getResponse<FastifyReply>().status(error.statusCode).send(error.toResponse());
  }
}
