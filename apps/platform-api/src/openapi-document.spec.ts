import { documentDrift, operationValidators } from '@storefront/service-runtime';
import { PlatformApiHarness } from '../test/platform-api-harness';

describe('OpenAPI document', () => {
  let harness: PlatformApiHarness;

  beforeAll(async () => {
    harness = await PlatformApiHarness.start();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('describes the public contract, with request schemas taken from the validators', async () => {
    const document = await harness.request('GET', '/docs/json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/signup',
        '/api/v1/auth/login',
        '/api/v1/store',
        '/api/v1/products',
        '/api/v1/products/{id}',
        '/api/v1/admin/tenants',
        '/api/v1/admin/tenants/{id}/suspend',
        '/api/v1/admin/health',
        '/api/v1/orders',
        '/api/v1/orders/summary',
        '/api/v1/orders/{id}/refund',
        '/api/v1/store/notification-deliveries',
        '/api/v1/store/notification-deliveries/{id}/replay',
        '/api/v1/stock/low',
      ]),
    );
    expect(document.body.paths['/api/v1/products'].post.tags).toEqual(['catalog']);
    const signupBody = document.body.paths['/api/v1/signup'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(signupBody)).toContain('storeName');

    const page = await fetch(`${harness.api.url}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/swagger/i);
  });

  it('documents every body, query and path schema exactly as its validator checks it', async () => {
    const document = await harness.request('GET', '/docs/json');
    const validators = operationValidators(harness.api.app);
    expect(validators.length).toBeGreaterThanOrEqual(Object.values(document.body.paths).flatMap((operations) => Object.keys(operations as object)).length);
    // Checked by the shard it forwards to, and now here as well, so the document can state it.
    expect(validators.find((route) => route.operation === 'patch /api/v1/store/payment-settings')?.schemas.body).toBeDefined();
    expect(documentDrift(document.body, validators)).toEqual([]);
  });
});
