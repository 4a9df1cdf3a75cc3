import type { DeliveryDetail, DeliveryList } from '@storefront/contracts';
import { startWebhookReceiver, until, type WebhookReceiver } from '@storefront/notifications/testing';
import { HostClient } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
// Real notifications shards (with checkout and search, and a storefront to shop in) from the
// storefront's harness; the platform API joins that platform.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { StorefrontHarness } from '../../../storefront/test/storefront-harness';
import { PlatformApiHarness, tShirtProduct, type SignedUpMerchant } from '../../test/platform-api-harness';

const LOG = '/api/v1/store/notification-deliveries';

describe("a store's delivery log and dead letters over the platform API", () => {
  let platform: StorefrontHarness;
  let api: PlatformApiHarness;
  let receiver: WebhookReceiver;
  let failing = false;
  let owner: SignedUpMerchant;
  /** Same notifications shard as the owner. */
  let neighbour: SignedUpMerchant;
  /** The other notifications shard. */
  let stranger: SignedUpMerchant;
  let sentId: string;
  let deadId: string;

  beforeAll(async () => {
    platform = await StorefrontHarness.start({}, { notifications: true, notificationsEnv: { PLATFORM_NOTIFICATIONS_MAX_ATTEMPTS: '2', PLATFORM_NOTIFICATIONS_RETRY_BASE_MS: '50' } });
    const { LOG_LEVEL: _level, ...joinEnv } = platform.platformEnv;
    api = await PlatformApiHarness.start({ ...joinEnv, PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true' });
    receiver = await startWebhookReceiver(() => (failing ? 500 : 200));
    const admin = await api.adminToken();
    const onShard = async (shard: number) => {
      const merchant = await api.signupMerchant();
      const moved = await api.request('POST', `/api/v1/admin/tenants/${merchant.tenantId}/shards`, { token: admin, body: { service: 'notifications', shard } });
      expect(moved.status).toBe(200);
      return merchant;
    };
    [owner, neighbour, stranger] = [await onShard(0), await onShard(0), await onShard(1)];

    // The owner's store: a webhook for placed and cancelled orders, and one real order from a shopper.
    const { token } = owner;
    const endpoint = await api.request('POST', '/api/v1/store/webhooks', { token, body: { url: receiver.url, events: ['order.placed', 'order.cancelled'] } });
    expect(endpoint.status).toBe(201);
    const product = await api.request('POST', '/api/v1/products', { token, body: tShirtProduct('LOG') });
    const shopper = new HostClient(platform.storefront.url, `${owner.slug}.shop.test`);
    expect((await shopper.json('POST', '/api/v1/cart/items', { sku: product.body.variants[0].sku, quantity: 1 })).status).toBe(201);
    const placed = await shopper.json(
      'POST',
      '/api/v1/checkout',
      { paymentMethod: 'cod', shippingAddress: { name: 'Ada', line1: '1 Street', city: 'London', postalCode: 'N1 1AA', country: 'GB' } },
      { 'idempotency-key': `log-${randomUUID()}` },
    );
    expect(placed.status).toBe(201);
    const sent = await until(async () => (await api.request<DeliveryList>('GET', `${LOG}?channel=webhook&status=sent`, { token })).body.items[0], 20_000, 'the order.placed webhook');
    sentId = sent.id;

    // The cancellation's webhook fails twice: a dead letter.
    failing = true;
    expect((await api.request('POST', `/api/v1/orders/${placed.body.orderId}/cancel`, { token })).status).toBe(200);
    const dead = await until(async () => (await api.request<DeliveryList>('GET', `${LOG}?channel=webhook&status=failed`, { token })).body.items[0], 20_000, 'the dead letter');
    deadId = dead.id;
  });

  afterAll(async () => {
    await receiver?.close();
    await api?.close();
    await platform?.close();
  });

  it("lists the store's webhook deliveries with totals, filters, and one delivery's attempts", async () => {
    const { token } = owner;
    const all = await api.request<DeliveryList>('GET', `${LOG}?channel=webhook`, { token });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    expect(all.body.items.map((d) => [d.eventType, d.status])).toEqual([
      ['order.cancelled', 'failed'],
      ['order.placed', 'sent'],
    ]);
    const endpoints = (await api.request('GET', '/api/v1/store/webhooks', { token })).body.items as { id: string }[];
    expect(all.body.items.every((d) => d.channel === 'webhook' && d.recipient === endpoints[0]!.id)).toBe(true);
    expect((await api.request<DeliveryList>('GET', `${LOG}?channel=webhook&limit=1&offset=1`, { token })).body).toMatchObject({ total: 2, items: [{ id: sentId }] });

    const detail = await api.request<DeliveryDetail>('GET', `${LOG}/${sentId}`, { token });
    expect(detail.body).toMatchObject({ id: sentId, status: 'sent', attempts: 1, attemptLog: [{ attempt: 1, outcome: 'sent', responseStatus: 200 }] });
    const deadDetail = await api.request<DeliveryDetail>('GET', `${LOG}/${deadId}`, { token });
    expect(deadDetail.body).toMatchObject({ status: 'failed', attempts: 2, lastError: 'endpoint answered 500' });
    expect(deadDetail.body.attemptLog.map((a) => a.responseStatus)).toEqual([500, 500]);

    const bad = await api.request('GET', `${LOG}?channel=fax&status=lost`, { token });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['channel', 'status']);
  });

  it('gives another store nothing of this log: not by id, not by replay, not by naming the store', async () => {
    for (const attacker of [neighbour, stranger]) {
      const token = attacker.token;
      for (const id of [sentId, deadId]) {
        expect((await api.request('GET', `${LOG}/${id}`, { token })).status).toBe(404);
        expect((await api.request('POST', `${LOG}/${id}/replay`, { token })).status).toBe(404);
      }
      const theirs = await api.request<DeliveryList>('GET', LOG, { token });
      expect(theirs.status).toBe(200);
      expect(theirs.body.items.map((d) => d.id)).not.toEqual(expect.arrayContaining([sentId]));
      expect(theirs.body.items.map((d) => d.id)).not.toEqual(expect.arrayContaining([deadId]));
      expect((await api.request<DeliveryList>('GET', `${LOG}?channel=webhook`, { token })).body).toEqual({ items: [], total: 0 });
      // The store is the token's; a query naming another one is refused rather than ignored.
      expect((await api.request('GET', `${LOG}?tenantId=${owner.tenantId}`, { token })).status).toBe(400);
      // Ids that would climb out of the delivery routes (to the shard's cross-store dead letters, or the log of the path's own choosing).
      for (const id of ['..%2F..%2Fadmin%2Fnotifications%2Fdead-letters', `${deadId}%2F..%2F..%2F`, '..', `${sentId}%3Fx%3D1`]) {
        const answer = await api.request('GET', `${LOG}/${id}`, { token });
        expect({ id, status: answer.status }).toEqual({ id, status: 404 });
        expect(JSON.stringify(answer.body)).not.toContain(owner.tenantId);
      }
    }
    // The dead letter is still the owner's to replay.
    expect((await api.request<DeliveryDetail>('GET', `${LOG}/${deadId}`, { token: owner.token })).body.status).toBe('failed');
  });

  it('is for merchants: 401 without a token, 403 for a platform admin', async () => {
    expect((await api.request('GET', LOG)).status).toBe(401);
    expect((await api.request('GET', `${LOG}/${sentId}`)).status).toBe(401);
    const admin = await api.adminToken();
    expect((await api.request('GET', LOG, { token: admin })).status).toBe(403);
    expect((await api.request('POST', `${LOG}/${deadId}/replay`, { token: admin })).status).toBe(403);
  });

  it('replays a dead letter for its store (409 for one that was delivered), and the endpoint gets it', async () => {
    const { token } = owner;
    expect((await api.request('POST', `${LOG}/${sentId}/replay`, { token })).status).toBe(409);
    failing = false;
    const replayed = await api.request('POST', `${LOG}/${deadId}/replay`, { token });
    expect(replayed.status).toBe(202);
    expect(replayed.body).toMatchObject({ id: deadId, status: 'pending', replays: 1 });
    const delivered = await until(
      async () => {
        const detail = (await api.request<DeliveryDetail>('GET', `${LOG}/${deadId}`, { token })).body;
        return detail.status === 'sent' ? detail : undefined;
      },
      20_000,
      'the replayed delivery',
    );
    expect(delivered.attemptLog.map((a) => a.responseStatus)).toEqual([500, 500, 200]);
    expect(receiver.calls.filter((c) => c.body.includes('"order.cancelled"')).map((c) => c.answeredWith)).toEqual([500, 500, 200]);
    expect((await api.request('POST', `${LOG}/${deadId}/replay`, { token })).status).toBe(409);
  });

  it('accepts a webhook on this machine only where the platform allows it (tests, npm start)', async () => {
    const strict = await PlatformApiHarness.start();
    try {
      const merchant = await strict.signupMerchant();
      const refused = await strict.request('POST', '/api/v1/store/webhooks', { token: merchant.token, body: { url: receiver.url, events: ['order.placed'] } });
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual([{ field: 'url', message: 'must be a public https URL with a host name' }]);
    } finally {
      await strict.close();
    }
  });
});
