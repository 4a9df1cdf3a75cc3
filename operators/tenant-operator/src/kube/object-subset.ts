/**
 * Whether `live` already holds every field of `desired` with the same value. Fields only the
 * server or other managers set (defaults, status, their labels) do not matter, so an object the
 * operator applied and nobody changed since is a superset of what it would apply again.
 */
export function isSubset(desired: unknown, live: unknown): boolean {
  if (Array.isArray(desired)) {
    return Array.isArray(live) && live.length === desired.length && desired.every((item, i) => isSubset(item, live[i]));
  }
  if (desired !== null && typeof desired === 'object') {
    if (live === null || typeof live !== 'object' || Array.isArray(live)) return false;
    return Object.entries(desired).every(([key, value]) => isSubset(value, (live as Record<string, unknown>)[key]));
  }
  return desired === live;
}
