export const LOW_STOCK_THRESHOLD = 5;
/** Home lists this many low variants; the API says how many there are in all. */
export const LOW_STOCK_LIMIT = 20;

/** The IANA zone the browser runs in; "today" on home is that zone's calendar day. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `2025-06-03` -> "Tuesday, 3 June 2025" in the browser's language, without shifting the day. */
export function formatDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!)).toLocaleDateString(undefined, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}
