import { randomUUID } from 'node:crypto';
import { startStripeFaultProxy, type StripeFaultProxy } from '../../test/stripe-fault-proxy';
import { startStripeMock, type StripeMockServer } from '../../test/stripe-mock-server';
import { PaymentDeclinedError } from '../checkout-errors';
import { StripeGateway } from './stripe.gateway';

const ctx = { tenantId: randomUUID(), schema: 't_x', role: 't_x', clusterId: 'main', requestId: 'test' };

describe('Stripe gateway against stripe-mock', () => {
  let stripeMock: StripeMockServer;
  let proxy: StripeFaultProxy;
  let gateway: StripeGateway;

  beforeAll(async () => {
    stripeMock = await startStripeMock();
    // A recording hop in front of stripe-mock, to see the headers the SDK really sends.
    proxy = await startStripeFaultProxy(stripeMock.url);
    gateway = new StripeGateway({ secretKeyFor: async () => ({ value: 'sk_test_123', version: 1 }), apiUrl: proxy.url });
  }, 600_000);

  afterAll(async () => {
    await proxy?.close();
    await stripeMock?.stop();
  });

  it('creates the PaymentIntent, records it, then confirms it, each with its idempotency key; an unfinished one is declined', async () => {
    const key = `order-${randomUUID()}`;
    const recorded: string[] = [];
    const charge = gateway.charge(ctx, {
      recordReference: async (reference) => void recorded.push(reference),
      amount: 1_250,
      currency: 'EUR',
      token: 'pm_card_visa',
      idempotencyKey: key,
      description: 'order 1',
      signal: new AbortController().signal,
    });
    // stripe-mock accepted the request (it validates against Stripe's OpenAPI spec) and answered
    // its fixture, whose status is requires_payment_method: not money taken, so a decline.
    await expect(charge).rejects.toBeInstanceOf(PaymentDeclinedError);
    await expect(charge).rejects.toThrow('requires_payment_method');
    const create = proxy.seen.find((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
    expect(create?.headers['idempotency-key']).toBe(key);
    expect(recorded).toEqual([expect.stringMatching(/^pi_/)]);
    const confirm = proxy.seen.find((r) => r.method === 'POST' && r.path === `/v1/payment_intents/${recorded[0]}/confirm`);
    expect(confirm?.headers['idempotency-key']).toBe(`${key}-confirm`);
  });

  it('looks a charge up by its recorded intent, and calls one without a recorded intent not charged', async () => {
    const signal = new AbortController().signal;
    await expect(gateway.lookup(ctx, { idempotencyKey: 'k', reference: null, signal })).resolves.toEqual({ outcome: 'not-charged' });
    // stripe-mock's fixture intent has not succeeded.
    await expect(gateway.lookup(ctx, { idempotencyKey: 'k', reference: 'pi_123', signal })).resolves.toEqual({ outcome: 'not-charged' });
    expect(proxy.seen.some((r) => r.method === 'GET' && r.path === '/v1/payment_intents/pi_123')).toBe(true);
  });

  it('refunds a PaymentIntent with its own idempotency key', async () => {
    const refund = await gateway.refund(ctx, { reference: 'pi_123', amount: 500, currency: 'EUR', idempotencyKey: 'refund-1', signal: new AbortController().signal });
    expect(refund.reference).toMatch(/^re_/);
    expect(proxy.seen.find((r) => r.path === '/v1/refunds')?.headers['idempotency-key']).toBe('refund-1');
  });
});
