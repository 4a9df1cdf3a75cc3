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
  ${form('/account/register', 'New here? Create an account', 'Create account', 'register')}`;
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
