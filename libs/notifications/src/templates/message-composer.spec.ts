import { composeEmail, composeSms } from './message-composer';

const branding = { storeName: 'Tom & Jerry\'s "Shop"', storeUrl: 'https://tj.shop.test' };

describe('composing messages from templates', () => {
  it('escapes every value in the default HTML but keeps the text as written', () => {
    const email = composeEmail('customer.registered', undefined, branding, { 'customer.email': '<img src=x onerror=alert(1)>@example.com', 'store.name': branding.storeName });
    expect(email.subject).toBe('Welcome to Tom & Jerry\'s "Shop"');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;@example.com');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('Tom &amp; Jerry&#39;s &quot;Shop&quot;');
    expect(email.text).toContain('<img src=x onerror=alert(1)>@example.com');
  });

  it("escapes markup a merchant wrote into a template, keeps its paragraphs, and drops unknown placeholders", () => {
    const email = composeEmail(
      'order.placed',
      { subject: 'Thanks\r\nBcc: victim@example.com {{order.number}}', body: 'Hello <b>friend</b>\nline two\n\n{{order.items}} {{order.typo}}' },
      branding,
      { 'order.number': '#7', 'order.items': { html: '<table data-lines></table>', text: '1 × Mug' } },
    );
    expect(email.subject).toBe('Thanks Bcc: victim@example.com #7');
    expect(email.html).toContain('<p>Hello &lt;b&gt;friend&lt;/b&gt;<br>line two</p>');
    expect(email.html).toContain('<p><table data-lines></table> </p>');
    expect(email.text).toContain('1 × Mug');
    expect(email.text).not.toContain('{{');
  });

  it('sends a text message only where the store or the platform words one', () => {
    expect(composeSms('order.fulfilled', undefined, { 'store.name': 'Shop', 'order.number': '#9' })).toBe('Shop: your order #9 has shipped.');
    expect(composeSms('order.placed', undefined, {})).toBeUndefined();
    expect(composeSms('order.placed', { subject: null, body: 'Got {{order.number}}' }, { 'order.number': '#3' })).toBe('Got #3');
  });
});
