import { randomUUID } from 'node:crypto';
import { StorefrontHarness } from '../test/storefront-harness';

describe('sign-in throttle per shopper account', () => {
  let harness: StorefrontHarness;

  beforeAll(async () => {
    harness = await StorefrontHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('after 10 wrong passwords in a row the account answers 429 with Retry-After, even to the right password; other accounts and stores are unaffected', async () => {
    const store = await harness.createStore('Throttle Shop');
    const email = `ada-${randomUUID().slice(0, 6)}@example.com`;
    const password = 'the right long password';
    expect((await harness.client(store).json('POST', '/api/v1/customers', { email, password })).status).toBe(201);
    const other = `grace-${randomUUID().slice(0, 6)}@example.com`;
    expect((await harness.client(store).json('POST', '/api/v1/customers', { email: other, password })).status).toBe(201);

    const guesser = harness.client(store);
    for (let i = 0; i < 10; i++) expect((await guesser.json('POST', '/api/v1/customers/login', { email, password: `wrong guess ${i}` })).status).toBe(401);
    const locked = await harness.client(store).json('POST', '/api/v1/customers/login', { email: email.toUpperCase(), password });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect((await harness.client(store).json('POST', '/api/v1/customers/login', { email: other, password })).status).toBe(200);
    // The same email at another store is another account.
    const elsewhere = await harness.createStore('Other Shop');
    expect((await harness.client(elsewhere).json('POST', '/api/v1/customers', { email, password })).status).toBe(201);
    expect((await harness.client(elsewhere).json('POST', '/api/v1/customers/login', { email, password })).status).toBe(200);

    // The HTML form says the same.
    const page = harness.client(store);
    const form = await page.get('/account');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const answer = await page.form('/account/sign-in', { _csrf: csrf, email, password });
    expect(answer.status).toBe(429);
    expect(answer.text).toContain('too many sign-in attempts for this account');
  });
});
