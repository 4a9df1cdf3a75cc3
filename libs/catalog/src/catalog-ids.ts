const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Catalog ids are UUIDs; anything else names nothing, and must not reach a uuid cast in SQL. */
export function isCatalogId(value: string): boolean {
  return UUID.test(value);
}

/** A URL-safe handle from a title: `Blue Hoodie (XL)` -> `blue-hoodie-xl`. */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'item';
}
