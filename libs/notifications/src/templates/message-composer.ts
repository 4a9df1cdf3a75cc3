import type { NotifiedEvent } from '../notification-events';
import { DEFAULT_EMAIL_TEMPLATES, DEFAULT_SMS_TEMPLATES } from './default-templates';
import { brandedEmailHtml, brandedEmailText, type StoreBranding } from './email-layout';
import type { TemplateOverride } from './notification-template.repository';
import { renderHtml, renderMerchantTextAsHtml, renderText, type TemplateVariables } from './template-renderer';

export interface ComposedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** The email for `event`: the store's template if it wrote one, else the default, in its branded frame. */
export function composeEmail(
  event: NotifiedEvent,
  override: TemplateOverride | undefined,
  branding: StoreBranding,
  variables: TemplateVariables,
): ComposedEmail {
  const fallback = DEFAULT_EMAIL_TEMPLATES[event];
  // Subjects are one line: a newline in a value must not start a new mail header.
  const subject = renderText(override?.subject ?? fallback.subject, variables).replace(/[\r\n]+/g, ' ').trim();
  const content = override ? renderMerchantTextAsHtml(override.body, variables) : renderHtml(fallback.html, variables);
  const text = renderText(override ? override.body : fallback.text, variables);
  return { subject, html: brandedEmailHtml(branding, subject, content), text: brandedEmailText(branding, text) };
}

/** The text message for `event`, or undefined when neither the store nor the platform sends one. */
export function composeSms(event: NotifiedEvent, override: TemplateOverride | undefined, variables: TemplateVariables): string | undefined {
  const source = override?.body ?? DEFAULT_SMS_TEMPLATES[event];
  return source === undefined ? undefined : renderText(source, variables);
}
