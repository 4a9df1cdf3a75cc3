export class WebhookUrlRefusedError extends Error {}

/**
 * What the URL itself must be: https, or http with `allowHttpLoopback` (the address is judged when
 * connecting, see WebhookEgress: http then reaches loopback receivers only). A refusal here is
 * about the merchant's own URL, so its message may be shown to them.
 */
export function deliverableWebhookUrl(raw: string, allowHttpLoopback: boolean): URL {
  if (!URL.canParse(raw)) throw new WebhookUrlRefusedError('not a URL');
  const url = new URL(raw);
  if (url.protocol === 'https:' || (allowHttpLoopback && url.protocol === 'http:')) return url;
  throw new WebhookUrlRefusedError('webhooks are sent over https only');
}
