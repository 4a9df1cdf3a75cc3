/** The spelling of a time zone name; whether the runtime knows it is checked by `isTimeZoneName`. */
export const TIME_ZONE_NAME_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
export const TIME_ZONE_NAME_MAX_LENGTH = 64;

/**
 * An IANA time zone name (`Europe/Berlin`, `UTC`, `America/Argentina/Buenos_Aires`) that this
 * runtime knows. Offsets such as `+01:00` are refused: PostgreSQL reads POSIX offsets with the
 * opposite sign, so the same text would mean two different days on the two sides.
 */
export function isTimeZoneName(value: string): boolean {
  if (value.length > TIME_ZONE_NAME_MAX_LENGTH || !TIME_ZONE_NAME_SHAPE.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
