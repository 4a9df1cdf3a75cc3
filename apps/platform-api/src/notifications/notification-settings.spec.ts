import { WEBHOOK_EVENTS } from '@storefront/contracts';
import { PlatformApiHarness, type SignedUpMerchant } from '../../test/platform-api-harness';

describe('notification templates and webhook endpoints', () => {
  let harness: PlatformApiHarness;
  let merchant: SignedUpMerchant;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start();
    merchant = await harness.signupMerchant();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('saves, lists and reverts a template, and refuses placeholders the event does not have', async () => {
    const { token } = merchant;
    const path = '/api/v1/store/notification-templates/order.placed/email';
    const saved = await harness.request('PUT', path, {
      token,
      body: { subject: 'Thanks from {{store.name}}', body: 'Order {{ order.id }}: {{order.total}}' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ event: 'order.placed', channel: 'email', subject: 'Thanks from {{store.name}}', body: 'Order {{ order.id }}: {{order.total}}' });

    const typo = await harness.request('PUT', path, { token, body: { subject: 'Hi', body: 'Track at {{order.trackingUrl}} {{order.totl}}' } });
    expect(typo.status).toBe(400);
    expect(typo.body.details).toEqual([
      { field: 'body', message: '{{order.trackingUrl}} is not available for order.placed' },
      { field: 'body', message: '{{order.totl}} is not available for order.placed' },
    ]);
    const sms = await harness.request('PUT', '/api/v1/store/notification-templates/order.placed/sms', { token, body: { subject: 'x', body: 'y' } });
    expect(sms.body.details).toEqual([{ field: 'subject', message: 'is not used for sms' }]);
    const unknownEvent = await harness.request('PUT', '/api/v1/store/notification-templates/order.lost/email', { token, body: { subject: 'x', body: 'y' } });
    expect(unknownEvent.status).toBe(400);
    expect(unknownEvent.body.details[0].field).toBe('event');

    expect((await harness.request('GET', '/api/v1/store/notification-templates', { token })).body.items).toEqual([saved.body]);
    expect((await harness.request('DELETE', path, { token })).status).toBe(204);
    expect((await harness.request('DELETE', path, { token })).status).toBe(404);
    const other = await harness.signupMerchant();
    expect((await harness.request('GET', '/api/v1/store/notification-templates', { token: other.token })).body.items).toEqual([]);
  });

  it('creates a webhook endpoint showing its secret once, then lists, changes and removes it', async () => {
    const { token } = merchant;
    const created = await harness.request('POST', '/api/v1/store/webhooks', {
      token,
      body: { url: 'https://hooks.example.com/orders', events: ['order.placed', 'order.refunded', 'order.placed'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      url: 'https://hooks.example.com/orders',
      events: ['order.placed', 'order.refunded'],
      active: true,
      secret: expect.stringMatching(/^whsec_/),
    });
    const listed = await harness.request('GET', '/api/v1/store/webhooks', { token });
    expect(listed.body.items).toEqual([{ id: created.body.id, url: 'https://hooks.example.com/orders', events: ['order.placed', 'order.refunded'], active: true }]);

    const paused = await harness.request('PATCH', `/api/v1/store/webhooks/${created.body.id}`, { token, body: { active: false } });
    expect(paused.body.active).toBe(false);
    expect((await harness.request('DELETE', `/api/v1/store/webhooks/${created.body.id}`, { token })).status).toBe(204);
    expect((await harness.request('GET', '/api/v1/store/webhooks', { token })).body.items).toEqual([]);
  });

  it('accepts a subscription to catalog events and refuses an unknown event, naming its place in the list', async () => {
    const { token } = merchant;
    const url = 'https://hooks.example.com/catalog';
    const unknown = await harness.request('POST', '/api/v1/store/webhooks', { token, body: { url, events: ['product.updated', 'order.lost'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([{ field: 'events.1', message: `must be one of ${WEBHOOK_EVENTS.join(', ')}` }]);

    const catalog = await harness.request('POST', '/api/v1/store/webhooks', { token, body: { url, events: ['product.created', 'product.updated', 'product.deleted', 'stock.adjusted'] } });
    expect(catalog.status).toBe(201);
    expect(catalog.body.events).toEqual(['product.created', 'product.updated', 'product.deleted', 'stock.adjusted']);
    const changed = await harness.request('PATCH', `/api/v1/store/webhooks/${catalog.body.id}`, { token, body: { events: ['stock.adjusted', 'stock.counted'] } });
    expect(changed.status).toBe(400);
    expect(changed.body.details.map((d: { field: string }) => d.field)).toEqual(['events.1']);
    expect((await harness.request('DELETE', `/api/v1/store/webhooks/${catalog.body.id}`, { token })).status).toBe(204);
  });

  it.each([
    ['plain http', 'http://hooks.example.com/x'],
    ['an address literal', 'https://10.0.0.7/hook'],
    ['localhost', 'https://localhost/hook'],
    ['not a URL', 'hooks'],
  ])('refuses a webhook URL that is %s', async (_case, url) => {
    const answer = await harness.request('POST', '/api/v1/store/webhooks', { token: merchant.token, body: { url, events: ['order.placed'] } });
    expect(answer.status).toBe(400);
    expect(answer.body.details.map((d: { field: string }) => d.field)).toEqual(['url']);
  });
});
