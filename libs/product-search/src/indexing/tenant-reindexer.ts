import type { TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import type { ProductIndexer } from './product-indexer';

export interface ReindexProgress {
  readonly indexed: number;
  readonly total: number;
}

const BATCH_SIZE = 500;

/**
 * Rebuilds one tenant's search index from its catalog, in batches of short transactions (so
 * catalog writes and searches go on meanwhile), then drops documents of products gone or no
 * longer active and recounts the vocabulary.
 */
export class TenantReindexer {
  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly indexer: ProductIndexer,
  ) {}

  async reindex(ctx: TenantContext, onProgress: (progress: ReindexProgress) => Promise<void>): Promise<ReindexProgress> {
    const [{ total }] = await this.unitOfWork.run(ctx, (tx) => tx.query<{ total: number }[]>('SELECT count(*)::int AS total FROM products'));
    let indexed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.unitOfWork.run(ctx, async (tx) => {
        const rows: { id: string }[] = await tx.query('SELECT id FROM products WHERE id > $1 ORDER BY id LIMIT $2', [after, BATCH_SIZE]);
        await this.indexer.indexProducts(tx, rows.map((row) => row.id));
        return rows;
      });
      if (batch.length === 0) break;
      after = batch[batch.length - 1]!.id;
      indexed += batch.length;
      await onProgress({ indexed, total: Math.max(total, indexed) });
    }
    await this.unitOfWork.run(ctx, async (tx) => {
      const stale: { product_id: string }[] = await tx.query(
        `SELECT product_id FROM search_documents d
          WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = d.product_id AND p.status = 'active')`,
      );
      await this.indexer.indexProducts(tx, stale.map((row) => row.product_id));
      await this.indexer.rebuildVocabulary(tx);
    });
    return { indexed, total: Math.max(total, indexed) };
  }
}
