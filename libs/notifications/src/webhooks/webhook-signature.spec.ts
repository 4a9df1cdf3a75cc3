import { signWebhook, verifyWebhookSignature } from './webhook-signature';
import { assertDeliverableWebhookUrl } from './webhook-url-policy';

describe('webhook signatures and destinations', () => {
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

  it('sends to public https only, and to http on loopback only when allowed', async () => {
    await expect(assertDeliverableWebhookUrl('https://93.184.216.34/hook', false)).resolves.toBeInstanceOf(URL);
    await expect(assertDeliverableWebhookUrl('http://93.184.216.34/hook', false)).rejects.toThrow('https only');
    for (const inside of ['https://10.1.2.3/', 'https://192.168.0.10/', 'https://169.254.169.254/latest', 'https://127.0.0.1/', 'https://[::1]/', 'https://172.20.0.1/']) {
      await expect(assertDeliverableWebhookUrl(inside, false)).rejects.toThrow('private address');
    }
    await expect(assertDeliverableWebhookUrl('http://127.0.0.1:9999/hook', false)).rejects.toThrow();
    await expect(assertDeliverableWebhookUrl('http://127.0.0.1:9999/hook', true)).resolves.toBeInstanceOf(URL);
    await expect(assertDeliverableWebhookUrl('http://10.0.0.1/hook', true)).rejects.toThrow('https only');
    await expect(assertDeliverableWebhookUrl('not a url', true)).rejects.toThrow('not a URL');
  });
});
