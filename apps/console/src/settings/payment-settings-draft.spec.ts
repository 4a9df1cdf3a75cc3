import type { PaymentSettingsView } from '@storefront/contracts';
import { fieldErrorsOf } from '../ui/field-errors';
import { changeOf, draftOf, placeOfFailure } from './payment-settings-draft';

describe('the payment form turned into a PATCH body', () => {
  const stored: PaymentSettingsView = {
    mode: 'test',
    cashOnDelivery: { enabled: true },
    bankTransfer: { enabled: false, instructions: '' },
    stripe: { enabled: true, publishableKey: 'pk_test_123', secretKeyHint: 'sk_test_…9f2c', webhookSecretSet: true, webhookUrl: 'http://shop.localhost:8081/api/v1/payments/stripe/webhook' },
    acceptedMethods: ['stripe', 'test-card', 'cod'],
    updatedAt: '2026-12-03T12:00:00.000Z',
  };

  it('starts with empty secret inputs and sends nothing while nothing was changed', () => {
    const draft = draftOf(stored);
    expect(draft).toMatchObject({ stripePublishableKey: 'pk_test_123', stripeSecretKey: '', stripeWebhookSecret: '' });
    expect(changeOf(stored, draft)).toBeNull();
    expect(changeOf(stored, { ...draft, stripeSecretKey: '   ', stripeWebhookSecret: '' })).toBeNull();
  });

  it('sends only the fields that changed, each in its group', () => {
    const draft = { ...draftOf(stored), bankTransfer: true, bankTransferInstructions: 'IBAN DE00 1234, reference: your order number', cashOnDelivery: false };
    expect(changeOf(stored, draft)).toEqual({ cashOnDelivery: { enabled: false }, bankTransfer: { enabled: true, instructions: 'IBAN DE00 1234, reference: your order number' } });
    expect(changeOf(stored, { ...draftOf(stored), mode: 'live', stripePublishableKey: ' pk_live_456 ' })).toEqual({ mode: 'live', stripe: { publishableKey: 'pk_live_456' } });
  });

  it('replaces a secret only when one was typed, trimmed as pasted', () => {
    const draft = { ...draftOf(stored), stripeSecretKey: ' sk_live_NewKey1234\n' };
    expect(changeOf(stored, draft)).toEqual({ stripe: { secretKey: 'sk_live_NewKey1234' } });
    expect(changeOf(stored, { ...draftOf(stored), stripeWebhookSecret: 'whsec_New42' })).toEqual({ stripe: { webhookSecret: 'whsec_New42' } });
  });

  it('places a 409 by the section its fields name, anything else at the foot of the form', () => {
    expect(placeOfFailure(409, fieldErrorsOf([{ field: 'mode', message: 'enable a payment method before going live' }]))).toBe('mode');
    expect(placeOfFailure(409, fieldErrorsOf([{ field: 'stripe.secretKey', message: 'must be a live key' }]))).toBe('stripe');
    expect(placeOfFailure(400, fieldErrorsOf([{ field: 'stripe.secretKey', message: 'must be a Stripe key' }]))).toBe('form');
    expect(placeOfFailure(null, {})).toBe('form');
  });
});
