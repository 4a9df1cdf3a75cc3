const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Registry ids are lowercase UUIDs; anything else names nothing (404, never a SQL cast error). */
export function isRegistryId(value: string): boolean {
  return UUID.test(value);
}
