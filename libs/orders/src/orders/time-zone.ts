/**
 * An IANA time zone name (`Europe/Berlin`, `UTC`, `America/Argentina/Buenos_Aires`) that this
 * runtime knows. Offsets such as `+01:00` are refused: PostgreSQL reads POSIX offsets with the
 * opposite sign, so the same text would mean two different days on the two sides.
 */
export function isTimeZoneName(value: string): boolean {
  if (value.length > 64 || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
