import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-client';
import type { CategoryView, ProductView, StoreSettings, VariantView } from '../api/wire-types';
import { useRouter } from '../routing/router';
import { BackLink } from '../ui/back-link';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { messagesFor, unplacedErrors } from '../ui/field-errors';
import { FormAlert, FormSuccess, SelectField, SubmitButton, TextAreaField, TextField } from '../ui/form-controls';
import { useResource } from '../ui/use-resource';
import { useSubmit } from '../ui/use-submit';
import { CategoryPicker } from './category-picker';
import { ImageUrlsEditor } from './image-urls-editor';
import { OptionsEditor } from './options-editor';
import { createBody, draftOf, EMPTY_DRAFT, updateBody, variantPrice, type ProductDraft } from './product-draft';
import { StockAdjuster } from './stock-adjuster';
import { describeCombination, variantGrid } from './variant-grid';
import { VariantGridTable } from './variant-grid-table';

/** Fields this form shows; API errors for anything else go to the summary at the top. */
const SHOWN_FIELDS = ['title', 'description', 'price', 'status', 'images', 'categoryIds', 'options', 'variants'];

interface EditorData {
  readonly currency: string;
  readonly categories: CategoryView[];
  readonly product: ProductView | null;
}

/** Create a product (options span a variant grid) or edit one (fields, variant SKU/price, stock). */
export function ProductEditorPage({ productId }: { productId: string | null }) {
  const { api } = useConsole();
  const data = useResource<EditorData>(async () => {
    const [settings, categories, product] = await Promise.all([
      api.request<StoreSettings>('GET', '/store/settings'),
      api.request<{ items: CategoryView[] }>('GET', '/categories'),
      productId ? api.request<ProductView>('GET', `/products/${productId}`) : Promise.resolve(null),
    ]);
    return { currency: product?.price.currency ?? settings.currency, categories: categories.items, product };
  }, productId ?? 'new');
  // The form mounts once its data is there, so its state starts from it (nothing typed is overwritten).
  return data.data ? <ProductForm {...data.data} /> : <LoadState loading={data.loading} error={data.error} />;
}

function ProductForm({ currency, categories, product: loaded }: EditorData) {
  const { api } = useConsole();
  const { navigate, search } = useRouter();
  const [product, setProduct] = useState(loaded);
  const [draft, setDraft] = useState<ProductDraft>(loaded ? draftOf(loaded) : EMPTY_DRAFT);
  const [saved, setSaved] = useState<string | null>(search.get('created') ? 'Product created.' : null);
  const submission = useSubmit();
  const editing = product !== null;
  const change = (next: Partial<ProductDraft>) => {
    setSaved(null);
    setDraft((current) => {
      const merged = { ...current, ...next };
      // Only a new product spans its grid from the options; a saved one keeps its variants.
      return editing ? merged : { ...merged, rows: variantGrid(merged.options, merged.rows, merged.title) };
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submission.run(async () => {
      if (!editing) {
        const { body, problems } = createBody({ ...draft, rows: variantGrid(draft.options, draft.rows, draft.title) }, currency);
        if (problems.length) throw new ApiError(400, 'Check the highlighted fields.', problems);
        const created = await api.request<ProductView>('POST', '/products', body);
        navigate(`/products/${created.id}?created=1`, { replace: true });
        return;
      }
      const { body, problems } = updateBody(draft, currency);
      draft.rows.forEach((row, index) => variantPrice(row, index, currency, problems));
      if (problems.length) throw new ApiError(400, 'Check the highlighted fields.', problems);
      await api.request('PATCH', `/products/${product.id}`, body);
      await saveVariantChanges(product.variants);
      const fresh = await api.request<ProductView>('GET', `/products/${product.id}`);
      setProduct(fresh);
      setDraft(draftOf(fresh));
      setSaved('Changes saved.');
    });
  };

  /** PATCHes each variant whose SKU or price changed; its errors come back under its row. */
  const saveVariantChanges = async (variants: readonly VariantView[]) => {
    for (const [index, variant] of variants.entries()) {
      const row = draft.rows[index]!;
      const price = variantPrice(row, index, currency, []);
      const change: Record<string, unknown> = {};
      if (row.sku !== variant.sku) change.sku = row.sku;
      if ((price?.amount ?? null) !== (variant.price?.amount ?? null)) change.price = price;
      if (Object.keys(change).length === 0) continue;
      try {
        await api.request('PATCH', `/variants/${variant.id}`, change);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        throw new ApiError(error.status, error.message, error.details.map((d) => ({ ...d, field: `variants.${index}.${d.field}` })));
      }
    }
  };

  const errors = (field: string) => messagesFor(submission.fieldErrors, field);
  const variantsProblem = submission.fieldErrors.variants ?? [];

  return (
    <>
      <BackLink to="/products" label="Products" />
      <h1>{editing ? product.title : 'New product'}</h1>
      <form onSubmit={submit} noValidate className="product-form" aria-label={editing ? 'Edit product' : 'New product'}>
        <FormAlert message={submission.error} extra={unplacedErrors(submission.fieldErrors, SHOWN_FIELDS)} />
        <FormSuccess message={saved} />
        <TextField label="Title" value={draft.title} onChange={(e) => change({ title: e.target.value })} errors={errors('title')} required />
        <TextAreaField label="Description" value={draft.description} onChange={(e) => change({ description: e.target.value })} errors={errors('description')} rows={4} />
        <div className="row">
          <TextField label={`Price (${currency})`} inputMode="decimal" value={draft.price} onChange={(e) => change({ price: e.target.value })} errors={errors('price')} hint="Variants without their own price use it." required />
          <SelectField label="Status" value={draft.status} onChange={(e) => change({ status: e.target.value as ProductDraft['status'] })} errors={errors('status')}>
            <option value="active">Active (in the store)</option>
            <option value="draft">Draft (hidden)</option>
            <option value="archived">Archived</option>
          </SelectField>
        </div>
        <ImageUrlsEditor images={draft.images} errors={submission.fieldErrors} onChange={(images) => change({ images })} />
        <CategoryPicker categories={categories} selected={draft.categoryIds} errors={errors('categoryIds')} onChange={(categoryIds) => change({ categoryIds })} />
        {editing ? (
          <section aria-labelledby="options-title">
            <h2 id="options-title">Options</h2>
            <p>{product.options.map((o) => `${o.name}: ${o.values.join(', ')}`).join(' · ') || 'No options: one default variant.'}</p>
          </section>
        ) : (
          <OptionsEditor options={draft.options} errors={submission.fieldErrors} onChange={(options) => change({ options })} />
        )}
        {variantsProblem.length ? <p className="field-error">Variants: {variantsProblem.join('; ')}</p> : null}
        <VariantGridTable
          rows={editing ? draft.rows : variantGrid(draft.options, draft.rows, draft.title)}
          errors={submission.fieldErrors}
          currency={currency}
          onChange={(rows) => change({ rows })}
          stockCell={
            editing
              ? (index) => {
                  const variant = product.variants[index]!;
                  const adjusted = (stock: number) =>
                    setProduct((current) => current && { ...current, variants: current.variants.map((v) => (v.id === variant.id ? { ...v, stock } : v)) });
                  return <StockAdjuster variantId={variant.id} label={describeCombination(variant.options)} stock={variant.stock} onAdjusted={adjusted} />;
                }
              : undefined
          }
        />
        <div className="actions">
          <SubmitButton busy={submission.busy} label={editing ? 'Save changes' : 'Create product'} busyLabel={editing ? 'Saving…' : 'Creating…'} />
        </div>
      </form>
    </>
  );
}
