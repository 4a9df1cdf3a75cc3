import type { SearchHit, SearchResult } from '@storefront/contracts';
import { FIXTURE_CATALOG, type FixtureProduct } from '../test/fixtures/catalog.fixture';
import { idsOf, SearchHarness, type FixtureStore } from '../test/search-harness';

describe('search relevance, facets and input hardening on the fixture catalog', () => {
  let harness: SearchHarness;
  let store: FixtureStore;
  /** Product id -> fixture key, to read answers in fixture terms. */
  let keyOf: Map<string, string>;

  beforeAll(async () => {
    harness = await SearchHarness.start();
    store = await harness.createFixtureStore('en');
    keyOf = new Map([...store.products].map(([key, product]) => [product.id, key]));
  });

  afterAll(async () => {
    await harness.close();
  });

  const search = async (query: string): Promise<SearchResult> => {
    const answer = await harness.search(store.ctx.tenantId, query);
    expect(answer.status).toBe(200);
    return answer.body as SearchResult;
  };
  const keys = (result: SearchResult): string[] => idsOf(result).map((id) => keyOf.get(id)!);
  const fixture = (hit: SearchHit): FixtureProduct => FIXTURE_CATALOG.find((product) => product.key === keyOf.get(hit.id))!;

  it('ranks red shirts first for "red shirt": title words before option words before description words', async () => {
    const result = await search('q=red%20shirt');
    const ranked = keys(result);
    expect(ranked.slice(0, 2).sort()).toEqual(['red-flannel', 'red-oxford']);
    // Red only as a colour option, then red with "shirt" only in the description.
    expect(ranked.slice(2)).toEqual(['linen', 'red-dress']);
    expect(result.total).toBe(4);
  });

  it('finds the t-shirts for "tshirt", "t-shirt", "T-Shirts" and the misspelt "t-shrit", before anything else', async () => {
    const tees = ['classic-tee', 'organic-tee', 'vneck-tee'];
    for (const q of ['tshirt', 't-shirt', 'T-Shirts', 't-shrit', 'tshirts']) {
      const result = await search(`q=${encodeURIComponent(q)}`);
      expect({ q, top: keys(result).slice(0, 3).sort() }).toEqual({ q, top: tees });
    }
  });

  it('tolerates one typo from five letters and none below, and suggests a query when nothing matched', async () => {
    expect(keys(await search('q=oxfrod')).sort()).toEqual(['blue-oxford', 'red-oxford']);
    expect(keys(await search('q=flanel%20shrit'))).toEqual(['red-flannel']);
    const belt = await search('q=bekt');
    expect(belt).toMatchObject({ total: 0, items: [] });
    expect(belt.suggestions).toContain('belt');
    expect(keys(await search(`q=${encodeURIComponent(belt.suggestions[0]!)}`))).toEqual(['belt']);
  });

  it('matches the word being typed as a prefix', async () => {
    expect(keys(await search('q=bean'))).toEqual(['beanie']);
    expect(keys(await search('q=red%20flan'))).toEqual(['red-flannel']);
    // A finished word (followed by a space) is not a prefix.
    expect((await search('q=bean%20')).total).toBe(0);
  });

  it('stems in the store language: "shoe" and "trainer" find "Shoes" and "trainers" in English, not in a store without a stemmer', async () => {
    expect(keys(await search('q=shoe%20'))).toEqual(['running-shoes']);
    expect(keys(await search('q=trainer%20'))).toEqual(['running-shoes']);
    const plain = await harness.createFixtureStore('ja');
    for (const q of ['shoe%20', 'trainer%20']) expect((await harness.search(plain.ctx.tenantId, `q=${q}`)).body.total).toBe(0);
    expect((await harness.search(plain.ctx.tenantId, 'q=shoes%20')).body.total).toBe(1);
  });

  /** The facets of `result` are the counts over `hits`, the products it stands for. */
  const expectFacetsCountedOver = (result: SearchResult, hits: readonly FixtureProduct[]): void => {
    const colours = new Map<string, number>();
    for (const product of hits) for (const colour of product.options.Colour ?? []) colours.set(colour, (colours.get(colour) ?? 0) + 1);
    expect(Object.fromEntries(result.facets.options.Colour!.map((f) => [f.value, f.count]))).toEqual(Object.fromEntries(colours));
    const categories = new Map<string, number>();
    for (const product of hits) categories.set(product.category, (categories.get(product.category) ?? 0) + 1);
    expect(Object.fromEntries(result.facets.categories.map((f) => [f.value, f.count]))).toEqual(Object.fromEntries(categories));
    expect(result.facets.inStock).toEqual({ inStock: hits.filter((p) => p.stock > 0).length, outOfStock: hits.filter((p) => p.stock === 0).length });
    for (const bucket of result.facets.prices) {
      const inBucket = hits.filter((p) => p.price >= bucket.min && (bucket.max === null || p.price < bucket.max));
      expect({ bucket, count: inBucket.length }).toEqual({ bucket, count: bucket.count });
    }
  };

  it('counts facets over exactly the filtered result set', async () => {
    const result = await search('q=shirt&option=Colour:Red&option=Colour:Blue&pageSize=100');
    const hits = result.items.map(fixture);
    expect(hits.map((p) => p.key).sort()).toEqual(['blue-oxford', 'classic-tee', 'linen', 'red-dress', 'red-flannel', 'red-oxford']);
    expect(result.total).toBe(hits.length);
    expectFacetsCountedOver(result, hits);

    const narrowed = await search('q=shirt&option=Colour:Red&option=Colour:Blue&category=t-shirts&inStock=true&priceMax=2000');
    expect(keys(narrowed)).toEqual(['classic-tee']);
    expect(narrowed.facets.categories).toEqual([{ value: 't-shirts', name: 'T-shirts', count: 1 }]);
  });

  it('counts the whole catalog when nothing narrows it (from the running counts), as it counts any result set', async () => {
    const everything = await search('pageSize=100');
    expect(everything.total).toBe(FIXTURE_CATALOG.length);
    expectFacetsCountedOver(everything, FIXTURE_CATALOG);
  });

  it('sorts by price and by newest, and pages through without gaps or repeats', async () => {
    const ascending = await search('sort=price_asc&pageSize=100');
    const prices = ascending.items.map((hit) => hit.price.amount);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(ascending.items[0]).toMatchObject({ title: 'Wool Beanie', price: { amount: 1_500, currency: 'EUR' }, inStock: true });
    expect((await search('sort=price_desc')).items[0]!.title).toBe('Running Shoes');
    expect(keys(await search('sort=newest&pageSize=1'))).toEqual(['running-shoes']);

    const pages = await Promise.all([1, 2, 3].map((page) => search(`sort=price_asc&pageSize=4&page=${page}`)));
    expect(pages.flatMap(idsOf)).toEqual(idsOf(ascending));
    expect(pages.map((page) => page.pageCount)).toEqual([3, 3, 3]);
    const beyond = await search('page=50');
    expect(beyond).toMatchObject({ items: [], total: FIXTURE_CATALOG.length, page: 50 });
  });

  it('answers hostile and odd input with results or a 400 naming the field, never a 500', async () => {
    const ok = [
      '',
      'q=',
      'q=%20%20%20',
      `q=${'shirt '.repeat(80)}`,
      `q=${encodeURIComponent("shirt' OR 1=1; DROP TABLE products; --")}`,
      `q=${encodeURIComponent('red & !shirt | (blue) <-> :* \\')}`,
      `q=${encodeURIComponent('.*+?^${}()|[]\\%_')}`,
      `q=${encodeURIComponent('<script>alert(1)</script>')}`,
      `q=${encodeURIComponent('👕 \u202e shirt')}`,
      'q=the',
      `q=${'a'.repeat(500)}`,
      `category=${encodeURIComponent("x' OR '1'='1")}`,
      `option=${encodeURIComponent("Colour:Red' --")}`,
      'page=1000',
    ];
    for (const query of ok) {
      const answer = await harness.search(store.ctx.tenantId, query);
      expect({ query, status: answer.status }).toEqual({ query, status: 200 });
    }
    expect((await search('q=')).total).toBe(FIXTURE_CATALOG.length);
    expect(keys(await search(`q=${encodeURIComponent("shirt' OR 1=1; --")}`))).toEqual([]);

    const bad: [string, string][] = [
      [`q=${'a'.repeat(501)}`, 'q'],
      ['q=a&q=b', 'q'],
      ['page=0', 'page'],
      ['page=-1', 'page'],
      ['page=1.5', 'page'],
      ['page=1001', 'page'],
      ['page=abc', 'page'],
      ['pageSize=101', 'pageSize'],
      ['sort=price;DROP', 'sort'],
      ['priceMin=-1', 'priceMin'],
      ['priceMin=500&priceMax=100', 'priceMax'],
      ['inStock=yes', 'inStock'],
      ['option=Colour', 'option'],
      [`category=${encodeURIComponent('shirts\u0000')}`, 'category'],
      // NUL is refused in every field, platform-wide (docs/adr/0407).
      [`q=${encodeURIComponent('👕 \u0000 shirt')}`, 'q'],
      ['unknown=1', 'unknown'],
    ];
    for (const [query, field] of bad) {
      const answer = await harness.search(store.ctx.tenantId, query);
      expect({ query, status: answer.status, fields: answer.body.details?.map((d: { field: string }) => d.field) }).toEqual({
        query,
        status: 400,
        fields: [field],
      });
    }
  });
});
