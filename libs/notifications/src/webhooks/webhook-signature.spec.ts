import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = '{"id":"e-1","type":"order.placed"}';

  it('verifies a signature over timestamp and body, and refuses a changed body, a wrong secret or an old timestamp', () => {
    const header = signWebhook('whsec_a', body, 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('whsec_a', body, header, 1_700_000_100)).toBe(true);
    expect(verifyWebhookSignature('whsec_a', body.replace('placed', 'refunded'), header, 1_700_000_100)).toBe(false);
    expect(verifyWebhookSignature('whsec_b', body, header, 1_700_000_100)).toBe(false);
    expect(verifyWebhookSignature('whsec_a', body, header, 1_700_000_301)).toBe(false);
    expect(verifyWebhookSignature('whsec_a', body, 't=1700000000,v1=zz', 1_700_000_000)).toBe(false);
  });
});
