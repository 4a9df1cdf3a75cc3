/**
 * Events a store can word its own notifications for, with sample values for the preview. The
 * API checks placeholders per event (libs/store-settings, notification-events.ts); this copy only
 * feeds the preview, so a stale entry shows a raw {{placeholder}}, never a wrong save.
 */
export const NOTIFICATION_EVENTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'order.placed': { 'store.name': 'Hat & Tee Co.', 'customer.email': 'ada@example.com', 'order.id': 'A1B2C3', 'order.total': '€39.98', 'order.items': '2 × Classic T-shirt (M / Blue)' },
  'order.fulfilled': { 'store.name': 'Hat & Tee Co.', 'customer.email': 'ada@example.com', 'order.id': 'A1B2C3', 'order.trackingUrl': 'https://track.example.com/A1B2C3' },
  'order.cancelled': { 'store.name': 'Hat & Tee Co.', 'customer.email': 'ada@example.com', 'order.id': 'A1B2C3', 'order.total': '€39.98' },
  'order.refunded': { 'store.name': 'Hat & Tee Co.', 'customer.email': 'ada@example.com', 'order.id': 'A1B2C3', 'order.refundTotal': '€19.99' },
  'customer.registered': { 'store.name': 'Hat & Tee Co.', 'customer.email': 'ada@example.com' },
};

/** `{{order.id}}` -> the sample value; unknown placeholders stay as typed, so they stand out. */
export function renderPreview(template: string, event: string): string {
  const samples = NOTIFICATION_EVENTS[event] ?? {};
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => samples[name] ?? whole);
}
