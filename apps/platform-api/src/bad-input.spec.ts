import { uniqueSlug } from '@storefront/tenancy/testing';
import { PlatformApiHarness, tShirtProduct, type SignedUpMerchant } from '../test/platform-api-harness';

type Product = ReturnType<typeof tShirtProduct>;

describe('bad input is refused with field details and leaves nothing behind', () => {
  let harness: PlatformApiHarness;
  let merchant: SignedUpMerchant;
  const existing = tShirtProduct('EXISTING');

  beforeAll(async () => {
    harness = await PlatformApiHarness.start();
    merchant = await harness.signupMerchant();
    expect((await harness.request('POST', '/api/v1/products', { token: merchant.token, body: existing })).status).toBe(201);
  });

  afterAll(async () => {
    await harness.close();
  });

  const valid = (): Product => tShirtProduct();
  const withVariant = (change: (variant: Product['variants'][number], product: Product) => object): Product => {
    const product = valid();
    return { ...product, variants: [change(product.variants[0]!, product), ...product.variants.slice(1)] } as Product;
  };

  // [case, body, status, details expected among the answer's details]
  const productCases: [string, unknown, number, { field: string; message?: string }[]][] = [
    ['missing fields', {}, 400, [{ field: 'title', message: 'is required' }, { field: 'price', message: 'is required' }, { field: 'variants', message: 'is required' }]],
    ['wrong types', { ...valid(), title: 42, price: { amount: '25.00', currency: 'EUR' } }, 400, [{ field: 'title' }, { field: 'price.amount' }]],
    ['fractional minor units', { ...valid(), price: { amount: 24.99, currency: 'EUR' } }, 400, [{ field: 'price.amount', message: 'must be a whole number of minor units' }]],
    ['a currency that is not ISO 4217', { ...valid(), price: { amount: 2500, currency: 'euro' } }, 400, [{ field: 'price.currency' }]],
    ['negative stock', withVariant((v) => ({ ...v, stock: -1 })), 400, [{ field: 'variants.0.stock', message: 'must be 0 or more' }]],
    ['an unknown top-level field', { ...valid(), colour: 'red' }, 400, [{ field: 'colour', message: 'is not a known field' }]],
    ['an unknown variant field', withVariant((v) => ({ ...v, weight: 3 })), 400, [{ field: 'variants.0.weight', message: 'is not a known field' }]],
    ['an option value not defined', withVariant((v) => ({ ...v, options: { Size: 'XXL', Colour: 'Black' } })), 400, [{ field: 'variants.0.options.Size', message: 'must be one of S, M, L' }]],
    ['a variant missing an option', withVariant((v) => ({ ...v, options: { Size: 'S' } })), 400, [{ field: 'variants.0.options.Colour', message: 'is required' }]],
    ['a duplicate SKU inside the product', withVariant((v, product) => ({ ...v, sku: product.variants[1]!.sku })), 409, [{ field: 'variants.1.sku' }]],
    ['a SKU another product has', withVariant((v) => ({ ...v, sku: existing.variants[3]!.sku })), 409, [{ field: 'variants.0.sku', message: `SKU "${existing.variants[3]!.sku}" is taken` }]],
    ['a script URL as image', { ...valid(), images: ['https://cdn.example.com/a.jpg', 'javascript:alert(1)'] }, 400, [{ field: 'images.1', message: 'must be an http(s) URL' }]],
    ['no variants', { ...valid(), variants: [] }, 400, [{ field: 'variants', message: 'a product needs at least one variant' }]],
    // PostgreSQL cannot store U+0000 in text or jsonb; unrefused, these were 500s.
    ['a NUL character in the title', { ...valid(), title: 'T-shirt\u0000' }, 400, [{ field: 'title', message: 'must not contain the NUL character (\\u0000)' }]],
    ['a NUL character in an attribute name', { ...valid(), attributes: { 'mat\u0000erial': 'cotton' } }, 400, [{ field: 'attributes.mat\u0000erial' }]],
  ];

  it('refuses a NUL character in a sign-in email or a path id with 400 naming the field', async () => {
    const login = await harness.request('POST', '/api/v1/auth/login', { body: { email: `${merchant.email}\u0000`, password: merchant.password } });
    expect(login.status).toBe(400);
    expect(login.body.details).toEqual([{ field: 'email', message: 'must not contain the NUL character (\\u0000)' }]);

    const domain = await harness.request('DELETE', '/api/v1/store/domains/shop%00.example.com', { token: merchant.token });
    expect(domain.status).toBe(400);
    expect(domain.body.details).toEqual([{ field: 'host', message: expect.stringContaining('NUL') }]);
  });

  it.each(productCases)('refuses a product with %s', async (_case, body, status, details) => {
    const answer = await harness.request('POST', '/api/v1/products', { token: merchant.token, body });
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ statusCode: status, message: expect.any(String) });
    expect(answer.body.details).toEqual(expect.arrayContaining(details.map((d) => expect.objectContaining(d))));
  });

  it('answers 413 to an oversized payload and 400 to malformed JSON', async () => {
    const huge = JSON.stringify({ ...valid(), description: 'x'.repeat(2 * 1024 * 1024) });
    const tooLarge = await harness.request('POST', '/api/v1/products', { token: merchant.token, rawBody: huge });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });

    const malformed = await harness.request('POST', '/api/v1/products', { token: merchant.token, rawBody: '{"title": ' });
    expect(malformed.status).toBe(400);
  });

  it('wrote nothing for any refused product', async () => {
    const list = await harness.request('GET', '/api/v1/products', { token: merchant.token });
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].variants.map((v: { sku: string }) => v.sku)).toEqual(existing.variants.map((v) => v.sku));
  });

  it('refuses bad stock adjustments, categories and settings with field details', async () => {
    const { token } = merchant;
    const variantId = (await harness.request('GET', '/api/v1/products', { token })).body.items[0].variants[0].id;
    const cases: [string, string, unknown, number, string][] = [
      ['POST', `/api/v1/variants/${variantId}/stock-adjustments`, { delta: 0, reason: 'none' }, 400, 'delta'],
      ['POST', `/api/v1/variants/${variantId}/stock-adjustments`, { delta: 1.5, reason: 'half' }, 400, 'delta'],
      ['POST', `/api/v1/variants/${variantId}/stock-adjustments`, { delta: 1 }, 400, 'reason'],
      ['POST', '/api/v1/categories', { name: '' }, 400, 'name'],
      ['POST', '/api/v1/categories', { name: 'Shoes', parentId: 'nope' }, 400, 'parentId'],
      ['PATCH', '/api/v1/store/settings', { currency: 'euro' }, 400, 'currency'],
      ['PATCH', '/api/v1/store/settings', { theme: 'dark' }, 400, 'theme'],
      ['GET', '/api/v1/products?pageSize=1000', undefined, 400, 'pageSize'],
      ['GET', '/api/v1/products?sort=price', undefined, 400, 'sort'],
    ];
    for (const [method, path, body, status, field] of cases) {
      const answer = await harness.request(method, path, { token, ...(body === undefined ? {} : { body }) });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status });
      expect(answer.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await harness.request('GET', '/api/v1/products', { token })).body.items[0].variants[0].stock).toBe(10);

    expect((await harness.request('POST', '/api/v1/categories', { token, body: { name: 'Hats' } })).status).toBe(201);
    const twice = await harness.request('POST', '/api/v1/categories', { token, body: { name: 'Hats' } });
    expect(twice.status).toBe(409);
    expect(twice.body.details).toEqual([{ field: 'slug', message: 'is taken' }]);
  });

  describe('signup', () => {
    const signup = (body: unknown) => harness.request('POST', '/api/v1/signup', { body });
    const form = () => {
      const slug = uniqueSlug('bad');
      return { email: `${slug}@example.com`, password: 'long enough password', storeName: 'Shop', slug };
    };

    const cases: [string, () => unknown, string, string][] = [
      ['missing fields', () => ({}), 'slug', 'is required'],
      ['a reserved slug', () => ({ ...form(), slug: 'admin' }), 'slug', 'is reserved'],
      ['a slug that is not a DNS label', () => ({ ...form(), slug: 'My Shop!' }), 'slug', expect.stringMatching(/DNS label/) as unknown as string],
      ['a short password', () => ({ ...form(), password: 'short' }), 'password', 'must be at least 10 characters'],
      ['a malformed email', () => ({ ...form(), email: 'not-an-email' }), 'email', 'must be an email address'],
      ['an unknown field', () => ({ ...form(), plan: 'scale' }), 'plan', 'is not a known field'],
    ];

    it.each(cases)('refuses %s with 400', async (_case, body, field, message) => {
      const answer = await signup(body());
      expect(answer.status).toBe(400);
      expect(answer.body.details).toContainEqual({ field, message });
    });

    it('refuses a taken slug and a taken email with 409, creating no tenant and no account', async () => {
      const first = form();
      expect((await signup(first)).status).toBe(201);

      const sameSlug = { ...form(), slug: first.slug };
      const slugTaken = await signup(sameSlug);
      expect(slugTaken.status).toBe(409);
      expect(slugTaken.body.details).toEqual([{ field: 'slug', message: 'is taken' }]);
      expect((await harness.request('POST', '/api/v1/auth/login', { body: { email: sameSlug.email, password: sameSlug.password } })).status).toBe(401);

      const sameEmail = { ...form(), email: first.email.toUpperCase() };
      const emailTaken = await signup(sameEmail);
      expect(emailTaken.status).toBe(409);
      expect(emailTaken.body.details).toEqual([{ field: 'email', message: 'is taken' }]);
      const tenants = await harness.clusters.primary.query('SELECT count(*)::int AS n FROM platform.tenants WHERE slug = ANY($1)', [
        [first.slug, sameEmail.slug],
      ]);
      expect(tenants[0].n).toBe(1);
    });

    it('lets only one of two concurrent signups with the same email through, removing the other store entirely', async () => {
      const [one, two] = [form(), form()];
      const answers = await Promise.all([signup(one), signup({ ...two, email: one.email })]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      const rows = await harness.clusters.primary.query(
        `SELECT slug, (SELECT count(*)::int FROM pg_namespace WHERE nspname = t.schema_name) AS schemas FROM platform.tenants t WHERE slug = ANY($1)`,
        [[one.slug, two.slug]],
      );
      // The loser's registry row is gone, which the clean-up removes only after its schema and role.
      expect(rows).toEqual([{ slug: answers[0]!.status === 201 ? one.slug : two.slug, schemas: 1 }]);
    });
  });
});
