import { html } from '../views/html';

const TITLES: Record<number, string> = {
  403: 'Form expired',
  404: 'Not found',
  429: 'Slow down',
  415: 'Unsupported request',
  503: 'Store unavailable',
};

/** A minimal page for answers given before a store is known (no store frame around it). */
export function renderStatusPage(statusCode: number, message: string): string {
  const title = TITLES[statusCode] ?? 'Error';
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
<main><h1>${title}</h1><p>${message}</p></main>
</body></html>`.value;
}
