import type { NotifiedEvent } from '../notification-events';

/** What an email says before the store's branded layout wraps it. */
export interface EmailTemplate {
  readonly subject: string;
  /** Trusted HTML with placeholders (values are escaped when rendered). */
  readonly html: string;
  readonly text: string;
}

/** The platform's wording, used whenever a store has not written its own. */
export const DEFAULT_EMAIL_TEMPLATES: Readonly<Record<NotifiedEvent, EmailTemplate>> = {
  'order.placed': {
    subject: 'Your order {{order.number}} at {{store.name}}',
    html: '<p>Thank you for your order {{order.number}}.</p>{{order.items}}{{order.breakdown}}',
    text: 'Thank you for your order {{order.number}}.\n\n{{order.items}}\n\n{{order.breakdown}}',
  },
  'order.fulfilled': {
    subject: 'Your order {{order.number}} is on its way',
    html: '<p>Good news: your order {{order.number}} from {{store.name}} has shipped.</p>{{order.items}}',
    text: 'Good news: your order {{order.number}} from {{store.name}} has shipped.\n\n{{order.items}}',
  },
  'order.cancelled': {
    subject: 'Your order {{order.number}} was cancelled',
    html: '<p>Your order {{order.number}} was cancelled. Any payment of {{order.total}} is returned to you.</p>',
    text: 'Your order {{order.number}} was cancelled. Any payment of {{order.total}} is returned to you.',
  },
  'order.refunded': {
    subject: 'Your refund for order {{order.number}}',
    html: '<p>We refunded {{order.refundTotal}} for your order {{order.number}}.</p>',
    text: 'We refunded {{order.refundTotal}} for your order {{order.number}}.',
  },
  'customer.registered': {
    subject: 'Welcome to {{store.name}}',
    html: '<p>Your account {{customer.email}} at {{store.name}} is ready.</p>',
    text: 'Your account {{customer.email}} at {{store.name}} is ready.',
  },
  'customer.password_reset_requested': {
    subject: 'Reset your password at {{store.name}}',
    html: '<p>Someone asked to reset the password of {{customer.email}}.</p><p><a href="{{reset.url}}">Choose a new password</a></p><p>If it was not you, ignore this email.</p>',
    text: 'Someone asked to reset the password of {{customer.email}}.\n\nChoose a new password: {{reset.url}}\n\nIf it was not you, ignore this email.',
  },
  'store.provisioned': {
    subject: 'Your store {{store.name}} is live',
    html: '<p>Your store is live at <a href="{{store.url}}">{{store.url}}</a>.</p>',
    text: 'Your store is live at {{store.url}}.',
  },
};

/** Text messages are short; only shipping is worth one by default. */
export const DEFAULT_SMS_TEMPLATES: Readonly<Partial<Record<NotifiedEvent, string>>> = {
  'order.fulfilled': '{{store.name}}: your order {{order.number}} has shipped.',
};
