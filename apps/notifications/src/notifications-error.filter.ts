import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DeliveryNotFoundError, DeliveryNotReplayableError, FeedItemNotFoundError } from '@storefront/notifications';
import type { FastifyReply } from 'fastify';

type NotificationsError = DeliveryNotFoundError | DeliveryNotReplayableError | FeedItemNotFoundError;

/** Expected outcomes of the notifications API: unknown ids answer 404, replaying a live delivery 409. */
@Catch(DeliveryNotFoundError, DeliveryNotReplayableError, FeedItemNotFoundError)
export class NotificationsErrorFilter implements ExceptionFilter {
  catch(error: NotificationsError, host: ArgumentsHost): void {
    const conflict = error instanceof DeliveryNotReplayableError;
    const statusCode = conflict ? 409 : 404;
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(statusCode)
      .send({ statusCode, error: conflict ? 'Conflict' : 'Not Found', message: error.message });
  }
}
