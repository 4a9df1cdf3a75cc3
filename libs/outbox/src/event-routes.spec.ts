import { WEBHOOK_EVENTS } from '@storefront/contracts';
import { EVENT_SUBSCRIBERS } from './event-routes';

describe('event routes', () => {
  // A merchant may subscribe a webhook to any of these; an event never routed to notifications would never be sent.
  it.each(WEBHOOK_EVENTS)('routes %s to the notifications service, which calls the webhooks', (type) => {
    expect(EVENT_SUBSCRIBERS[type]).toContain('notifications');
  });
});
