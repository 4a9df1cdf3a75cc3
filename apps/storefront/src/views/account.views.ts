import { formatMoney, html, type SafeHtml } from './html';

export interface OrderSummary {
  readonly id: string;
  readonly status: string;
  readonly total?: { amount: number; currency: string };
  readonly placedAt?: string;
}

export function signedOutAccountView(csrfToken: string, message?: string): SafeHtml {
  const form = (action: string, legend: string, button: string, prefix: string): SafeHtml => html`
  <form method="post" action="${action}"><fieldset><legend>${legend}</legend>
    <input type="hidden" name="_csrf" value="${csrfToken}">
    <label for="${prefix}-email">Email</label><input id="${prefix}-email" name="email" type="email" autocomplete="email" required>
    <label for="${prefix}-password">Password</label><input id="${prefix}-password" name="password" type="password" minlength="8" required
      autocomplete="${prefix === 'register' ? 'new-password' : 'current-password'}">
    <p><button>${button}</button></p></fieldset></form>`;
  return html`<h1>Your account</h1>${message ? html`<p class="error" role="alert">${message}</p>` : ''}
  ${form('/account/sign-in', 'Sign in', 'Sign in', 'signin')}
  <p><a href="/account/forgot">Forgot your password?</a></p>
  ${form('/account/register', 'New here? Create an account', 'Create account', 'register')}`;
}

/** "Forgot your password?": the email to send a link to, or (sent) the answer given to everyone. */
export function forgotPasswordView(csrfToken: string, outcome: { sent?: string; error?: string } = {}): SafeHtml {
  return html`<h1>Forgot your password?</h1>
  ${outcome.error ? html`<p class="error" role="alert">${outcome.error}</p>` : ''}
  ${outcome.sent ? html`<p role="status">${outcome.sent}.</p>` : ''}
  <form method="post" action="/account/forgot"><fieldset><legend>Get a link to choose a new one</legend>
    <input type="hidden" name="_csrf" value="${csrfToken}">
    <label for="forgot-email">Email</label><input id="forgot-email" name="email" type="email" autocomplete="email" required>
    <p><button>Send the link</button></p></fieldset></form>
  <p><a href="/account">Back to sign in</a></p>`;
}

/** The page a reset link opens: the new password, with the link's token carried along. */
export function resetPasswordView(csrfToken: string, token: string, error?: string): SafeHtml {
  return html`<h1>Choose a new password</h1>
  ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
  <form method="post" action="/account/reset"><fieldset><legend>New password</legend>
    <input type="hidden" name="_csrf" value="${csrfToken}">
    <input type="hidden" name="token" value="${token}">
    <label for="reset-password">Password</label><input id="reset-password" name="password" type="password" minlength="8" autocomplete="new-password" required>
    <p><button>Save and sign in</button></p></fieldset></form>
  <p><a href="/account/forgot">Ask for a new link</a></p>`;
}

export function signedInAccountView(email: string, orders: readonly OrderSummary[], locale: string): SafeHtml {
  return html`<h1>Your account</h1><p>Signed in as <strong>${email}</strong>.</p>
  <h2>Order history</h2>
  ${
    orders.length === 0
      ? html`<p class="muted">No orders yet.</p>`
      : html`<ul data-testid="order-history">${orders.map(
          (o) => html`<li>Order ${o.id} · ${o.status}${o.total ? html` · ${formatMoney(o.total.amount, o.total.currency, locale)}` : ''}</li>`,
        )}</ul>`
  }`;
}
