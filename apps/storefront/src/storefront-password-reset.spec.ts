import { startTestSmtpServer, type ReceivedEmail, type TestSmtpServer } from '@storefront/notifications/testing';
import { until } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
import { StorefrontHarness, type TestStore } from '../test/storefront-harness';

/** The reset link in an email, and its token. */
function resetLinkIn(email: ReceivedEmail): { url: URL; token: string } {
  const found = /https?:\/\/\S+\/account\/reset\?token=[A-Za-z0-9_-]+/.exec(email.text);
  if (!found) throw new Error(`no reset link in: ${email.text}`);
  const url = new URL(found[0]);
  return { url, token: url.searchParams.get('token')! };
}

describe('storefront: a forgotten password (real notifications shards and SMTP server)', () => {
  let harness: StorefrontHarness;
  let smtp: TestSmtpServer;
  let store: TestStore;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    harness = await StorefrontHarness.start({}, { notifications: true, notificationsEnv: { PLATFORM_SMTP_URL: smtp.url } });
    store = await harness.createStore('Reset Shop');
  });

  afterAll(async () => {
    await harness?.close();
    await smtp?.close();
  });

  async function registered(): Promise<string> {
    const email = `forgetful-${randomUUID().slice(0, 8)}@example.com`;
    expect((await harness.client(store).json('POST', '/api/v1/customers', { email, password: 'the old password' })).status).toBe(201);
    return email;
  }

  const mailTo = (email: string, subject: RegExp) => until(async () => smtp.received.find((m) => m.to.includes(email) && subject.test(m.subject)), 30_000, `the email to ${email}`);

  it("mails a single-use link on the store's own host; it sets the new password, signs in, and ends the old one", async () => {
    const email = await registered();
    const tab = harness.client(store);
    const asked = await tab.json('POST', '/api/v1/customers/password-reset', { email: email.toUpperCase() });
    expect(asked).toMatchObject({ status: 202, body: { message: expect.stringMatching(/if an account exists/) } });

    const { url, token } = resetLinkIn(await mailTo(email, /^Reset your password/));
    expect(url.hostname).toBe(store.host);

    const done = await tab.json('POST', '/api/v1/customers/password-reset/confirm', { token, password: 'a brand new password' });
    expect(done).toMatchObject({ status: 200, body: { email } });
    expect((await tab.get('/api/v1/customers/me')).body).toMatchObject({ email });

    const other = harness.client(store);
    expect((await other.json('POST', '/api/v1/customers/login', { email, password: 'the old password' })).status).toBe(401);
    expect((await other.json('POST', '/api/v1/customers/login', { email, password: 'a brand new password' })).status).toBe(200);
    // Once only.
    const again = await other.json('POST', '/api/v1/customers/password-reset/confirm', { token, password: 'yet another password' });
    expect(again).toMatchObject({ status: 400, body: { details: [{ field: 'token', message: 'is invalid, used or expired' }] } });
  });

  it('answers an unknown email exactly as a known one, and mails nothing', async () => {
    const known = await registered();
    const unknown = `nobody-${randomUUID().slice(0, 8)}@example.com`;
    const tab = harness.client(store);
    const forKnown = await tab.json('POST', '/api/v1/customers/password-reset', { email: known });
    const forUnknown = await tab.json('POST', '/api/v1/customers/password-reset', { email: unknown });
    expect({ status: forUnknown.status, body: forUnknown.body }).toEqual({ status: forKnown.status, body: forKnown.body });
    await mailTo(known, /^Reset your password/);
    expect(smtp.received.filter((m) => m.to.includes(unknown))).toEqual([]);
  });

  it('sends at most three links an hour per account, answering further requests alike', async () => {
    const email = await registered();
    const tab = harness.client(store);
    for (let i = 0; i < 5; i++) expect((await tab.json('POST', '/api/v1/customers/password-reset', { email })).status).toBe(202);
    await until(async () => smtp.received.filter((m) => m.to.includes(email) && /^Reset your password/.test(m.subject)).length >= 3 || undefined, 30_000, 'three links');
    // The deliveries are planned in the request's transaction: none more is on its way.
    const planned = await harness.tenancy.unitOfWork.run(store.ctx, (tx) =>
      tx.query<{ n: number }[]>("SELECT count(*)::int AS n FROM customer_password_resets r JOIN customers c ON c.id = r.customer_id WHERE c.email = $1", [email]),
    );
    expect(planned[0]!.n).toBe(3);
  });

  it("refuses a made-up token, another store's token and bad input with 400 and the fields", async () => {
    const email = await registered();
    const tab = harness.client(store);
    await tab.json('POST', '/api/v1/customers/password-reset', { email });
    const { token } = resetLinkIn(await mailTo(email, /^Reset your password/));

    const otherStore = await harness.createStore('Other Shop');
    const elsewhere = await harness.client(otherStore).json('POST', '/api/v1/customers/password-reset/confirm', { token, password: 'an attacker password' });
    expect(elsewhere).toMatchObject({ status: 400, body: { details: [{ field: 'token' }] } });
    const madeUp = await tab.json('POST', '/api/v1/customers/password-reset/confirm', { token: 'A'.repeat(43), password: 'an attacker password' });
    expect(madeUp).toMatchObject({ status: 400, body: { details: [{ field: 'token' }] } });
    const bad = await tab.json('POST', '/api/v1/customers/password-reset/confirm', { token: 'short', password: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['password', 'token']);
    expect((await tab.json('POST', '/api/v1/customers/password-reset', { email: 'not an email' })).status).toBe(400);
    // The real owner's link still works: refused attempts used nothing up.
    expect((await tab.json('POST', '/api/v1/customers/password-reset/confirm', { token, password: 'the owner password' })).status).toBe(200);
  });

  it('works through the HTML pages with their CSRF token, and the reset page sends no Referer', async () => {
    const email = await registered();
    const tab = harness.client(store);
    const signIn = await tab.get('/account');
    expect(signIn.text).toContain('href="/account/forgot"');
    const csrf = tab.cookie('sf_csrf')!;
    const sent = await tab.form('/account/forgot', { _csrf: csrf, email });
    expect(sent.status).toBe(200);
    expect(sent.text).toMatch(/if an account exists/);
    const { url, token } = resetLinkIn(await mailTo(email, /^Reset your password/));

    const page = await tab.get(`${url.pathname}${url.search}`);
    expect(page.status).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toContain(`name="token" value="${token}"`);
    expect((await tab.form('/account/reset', { token, password: 'a new html password' })).status).toBe(403);
    const saved = await tab.form('/account/reset', { _csrf: csrf, token, password: 'a new html password' });
    expect(saved.status).toBe(303);
    expect((await tab.get('/account')).text).toContain(email);
  });
});
