import { escapeHtml } from './template-renderer';

/** A store's look in its emails. */
export interface StoreBranding {
  readonly storeName: string;
  readonly storeUrl: string;
}

/** Wraps rendered content in the store's branded frame; inline styles because mail clients drop <style>. */
export function brandedEmailHtml(branding: StoreBranding, subject: string, content: string): string {
  const name = escapeHtml(branding.storeName);
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;background:#f4f4f5;font-family:Helvetica,Arial,sans-serif;color:#18181b">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">',
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px">',
    `<tr><td style="padding:24px;border-bottom:1px solid #e4e4e7"><h1 style="margin:0;font-size:20px" data-store-name>${name}</h1></td></tr>`,
    `<tr><td style="padding:24px;font-size:15px;line-height:1.5">${content}</td></tr>`,
    `<tr><td style="padding:16px 24px;font-size:12px;color:#71717a"><a href="${escapeHtml(branding.storeUrl)}" style="color:#71717a">${name}</a></td></tr>`,
    '</table></td></tr></table></body></html>',
  ].join('');
}

export function brandedEmailText(branding: StoreBranding, content: string): string {
  return `${branding.storeName}\n\n${content}\n\n--\n${branding.storeName} · ${branding.storeUrl}\n`;
}
