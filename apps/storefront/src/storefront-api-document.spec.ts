import { documentDrift, operationValidators } from '@storefront/service-runtime';
import { HostClient } from '@storefront/testing';
import { StorefrontHarness } from '../test/storefront-harness';
import { STOREFRONT_API_DOCUMENT_PATH } from './storefront-api-document';

describe('storefront JSON API OpenAPI document', () => {
  let harness: StorefrontHarness;

  beforeAll(async () => {
    harness = await StorefrontHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  function fetchDocument(host: string) {
    return new HostClient(harness.storefront.url, host).get(STOREFRONT_API_DOCUMENT_PATH);
  }

  it('is served at every address, a store or none, and lists the JSON API without the pages', async () => {
    const store = await harness.createStore();
    const atStore = await fetchDocument(store.host);
    expect(atStore.status).toBe(200);
    expect(atStore.body.openapi).toMatch(/^3\./);
    expect((await fetchDocument('nobody.example.com')).body).toEqual(atStore.body);
    const paths = Object.keys(atStore.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/products', '/api/v1/products/{slug}', '/api/v1/cart/items', '/api/v1/customers/login', '/api/v1/checkout', '/api/v1/reviews/{id}']),
    );
    expect(paths.filter((path) => !path.startsWith('/api/'))).toEqual([]);
    const checkoutHeaders = atStore.body.paths['/api/v1/checkout'].post.parameters.filter((parameter: { in: string }) => parameter.in === 'header');
    expect(checkoutHeaders).toEqual([expect.objectContaining({ name: 'Idempotency-Key', required: true })]);
  });

  it('documents every body, query and path schema exactly as its validator checks it', async () => {
    const { body: document } = await fetchDocument('nobody.example.com');
    const validators = operationValidators(harness.storefront.app, (path) => path.startsWith('/api/'));
    expect(validators.map((route) => route.operation)).toEqual(expect.arrayContaining(['post /api/v1/checkout', 'get /api/v1/products']));
    expect(documentDrift(document, validators)).toEqual([]);
  });
});
