import { useState, type FormEvent } from 'react';
import { queryString } from '../api/api-client';
import type { Page } from '@storefront/contracts';
import type { ProductView } from '../api/wire-types';
import { Link, useRouter } from '../routing/router';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { formatMoney } from '../ui/format';
import { Pagination } from '../ui/pagination';
import { useResource } from '../ui/use-resource';

const PAGE_SIZE = 20;

/** Products with search and paging; the search lives in the URL so back/forward and links keep it. */
export function ProductsPage() {
  const { api } = useConsole();
  const { search, navigate } = useRouter();
  const q = search.get('q') ?? '';
  const page = Number(search.get('page') ?? 1);
  const [typed, setTyped] = useState(q);
  const query = queryString({ q, page, pageSize: PAGE_SIZE });
  const products = useResource(() => api.request<Page<ProductView>>('GET', `/products${query}`), query);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/products${queryString({ q: typed.trim() })}`);
  };

  return (
    <>
      <div className="page-head">
        <h1>Products</h1>
        <Link to="/products/new" className="button primary">
          New product
        </Link>
      </div>
      <form role="search" onSubmit={submit} className="search">
        <label htmlFor="product-search">Search products</label>
        <input id="product-search" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit">Search</button>
      </form>
      <LoadState loading={products.loading} error={products.error} />
      {products.data ? (
        <>
          <p role="status">
            {products.data.total} product{products.data.total === 1 ? '' : 's'}
            {q ? ` matching “${q}”` : ''}
          </p>
          <ul className="product-list" data-testid="product-list">
            {products.data.items.map((product) => (
              <li key={product.id}>
                {product.images[0] ? <img src={product.images[0]} alt="" width={48} height={48} /> : <span className="thumb" aria-hidden="true" />}
                <Link to={`/products/${product.id}`}>{product.title}</Link>
                <span>{formatMoney(product.price.amount, product.price.currency)}</span>
                <span className={`badge ${product.status}`}>{product.status}</span>
                <span>
                  {product.variants.length} variant{product.variants.length === 1 ? '' : 's'}, {product.variants.reduce((sum, v) => sum + v.stock, 0)} in stock
                </span>
              </li>
            ))}
          </ul>
          <Pagination page={page} pageSize={PAGE_SIZE} total={products.data.total} onPage={(next) => navigate(`/products${queryString({ q, page: next })}`)} />
        </>
      ) : null}
    </>
  );
}
