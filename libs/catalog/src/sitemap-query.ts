import type { TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';

/** The most URLs one sitemap file may list (sitemaps.org); past it the sitemap is an index of files. */
export const SITEMAP_MAX_URLS = 50_000;

export interface SitemapEntry {
  /** Path on the store's own origin: `/products/<slug>`, `/categories/<slug>`. */
  readonly path: string;
  readonly lastModified: string | null;
}

/**
 * What a store's sitemap lists: its categories, then its active products, in a stable order so a
 * file of the index always holds the same slice. Read fresh from the tenant's tables.
 */
export class SitemapQuery {
  constructor(private readonly unitOfWork: TenantUnitOfWork) {}

  async count(ctx: TenantContext): Promise<number> {
    const [row] = await this.unitOfWork.run(ctx, (tx) =>
      tx.query<{ n: number }[]>(`SELECT (SELECT count(*) FROM categories)::int + (SELECT count(*) FROM products WHERE status = 'active')::int AS n`),
    );
    return row!.n;
  }

  async slice(ctx: TenantContext, offset: number, limit: number): Promise<SitemapEntry[]> {
    const rows = await this.unitOfWork.run(ctx, (tx) =>
      tx.query<{ path: string; last_modified: Date | null }[]>(
        `SELECT path, last_modified FROM (
           SELECT 0 AS kind, '/categories/' || slug AS path, NULL::timestamptz AS last_modified, slug FROM categories
           UNION ALL
           SELECT 1, '/products/' || slug, updated_at, slug FROM products WHERE status = 'active'
         ) entries ORDER BY kind, slug OFFSET $1 LIMIT $2`,
        [offset, limit],
      ),
    );
    return rows.map((row) => ({ path: row.path, lastModified: row.last_modified?.toISOString() ?? null }));
  }
}
