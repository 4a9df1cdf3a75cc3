/**
 * `{{name}}` placeholders (the syntax merchants write, see the platform API's template checks).
 * A value is plain text, escaped for HTML; a fragment carries its own HTML and text forms and is
 * produced only by our code (order lines), never by a merchant or a shopper.
 */
export interface TemplateFragment {
  readonly html: string;
  readonly text: string;
}
export type TemplateValue = string | TemplateFragment;
export type TemplateVariables = Readonly<Record<string, TemplateValue>>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Unknown placeholders render empty: a typo must not leak template syntax to a customer. */
export function renderText(source: string, variables: TemplateVariables): string {
  return source.replace(PLACEHOLDER, (_, name: string) => {
    const value = variables[name];
    return value === undefined ? '' : typeof value === 'string' ? value : value.text;
  });
}

/** `source` is trusted HTML (our defaults); every value is escaped, fragments are inserted as they are. */
export function renderHtml(source: string, variables: TemplateVariables): string {
  return source.replace(PLACEHOLDER, (_, name: string) => {
    const value = variables[name];
    return value === undefined ? '' : typeof value === 'string' ? escapeHtml(value) : value.html;
  });
}

/**
 * A merchant's template body is text: it becomes HTML by escaping everything the merchant wrote
 * (so a template cannot inject markup) and turning blank lines into paragraphs.
 */
export function renderMerchantTextAsHtml(body: string, variables: TemplateVariables): string {
  const paragraphs = body.split(/\n\s*\n/).map((paragraph) => {
    const parts = paragraph.split(PLACEHOLDER);
    // split() with one capture group alternates text, placeholder name, text, ...
    const html = parts
      .map((part, i) => {
        if (i % 2 === 0) return escapeHtml(part).replace(/\n/g, '<br>');
        const value = variables[part];
        return value === undefined ? '' : typeof value === 'string' ? escapeHtml(value) : value.html;
      })
      .join('');
    return `<p>${html}</p>`;
  });
  return paragraphs.join('\n');
}
