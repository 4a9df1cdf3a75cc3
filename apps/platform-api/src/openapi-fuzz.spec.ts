import { fuzzOpenApiDocument, type OpenApiFuzzResult } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { STOREFRONT_API_DOCUMENT_PATH } from '../../storefront/src/storefront-api-document';
import { merchantWithResources } from '../test/merchant-with-resources';
import { usePlatformWithShards } from '../test/platform-with-shards';

const ADMIN_PATHS = /^\/api\/v1\/admin\//;
// The fuzzer's writes come from one address; the per-client limit would turn most into 429s.
const STOREFRONT_ENV = { PLATFORM_RATE_LIMIT_PER_CLIENT: '100000' };
// The default run takes about a minute; FUZZ_EXAMPLES=200 for a deeper one takes several.
const FUZZ_TIMEOUT_MS = 15 * 60_000;

/** Every operation of the document, as `METHOD /path` (what the fuzzer must have tested). */
async function operationsOf(documentUrl: string, headers: Record<string, string> = {}, keep: (path: string) => boolean = () => true): Promise<number> {
  const document = (await (await fetch(documentUrl, { headers })).json()) as { paths: Record<string, object> };
  return Object.entries(document.paths)
    .filter(([path]) => keep(path))
    .reduce((count, [, operations]) => count + Object.keys(operations).length, 0);
}

function expectNoServerError(result: OpenApiFuzzResult, operations: number): void {
  // The blocks name each 5xx with its answer and a curl line: the failure message is the bug report.
  expect(result.serverErrors).toEqual([]);
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.operationsTested).toBe(operations);
  expect(result.testCases).toBeGreaterThan(operations);
}

describe('property-based fuzzing from the OpenAPI documents (Schemathesis)', () => {
  const both = usePlatformWithShards({ notifications: true }, STOREFRONT_ENV);

  it(
    'answers no operation of the platform API with a server error, as a merchant and as a platform admin',
    async () => {
      const { merchant, pathParameters } = await merchantWithResources(both);
      // Signed in before fuzzing: the fuzzer's failed sign-ins trip the per-address throttle.
      // The admin gets a store of its own, since the admin operations suspend, move and delete it.
      const tenantId = (await both.api.signupMerchant()).tenantId;
      const adminToken = await both.api.adminToken();
      const documentUrl = `${both.api.api.url}/docs/json`;
      const asMerchant = await fuzzOpenApiDocument({ documentUrl, headers: { authorization: `Bearer ${merchant.token}` }, excludePath: ADMIN_PATHS, pathParameters });
      expectNoServerError(asMerchant, await operationsOf(documentUrl, {}, (path) => !ADMIN_PATHS.test(path)));

      const asAdmin = await fuzzOpenApiDocument({
        documentUrl,
        headers: { authorization: `Bearer ${adminToken}` },
        includePath: ADMIN_PATHS,
        pathParameters: Object.fromEntries(['', '/suspend', '/resume', '/plan', '/shards'].map((action) => [`/api/v1/admin/tenants/{id}${action}`, { id: tenantId }])),
      });
      expectNoServerError(asAdmin, await operationsOf(documentUrl, {}, (path) => ADMIN_PATHS.test(path)));
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    "answers no operation of the storefront JSON API with a server error, for a signed-in shopper with a product in the cart",
    async () => {
      const store = await both.platform.createStore();
      const product = await both.platform.createProduct(store);
      const shopper = both.platform.client(store);
      expect((await shopper.json('POST', '/api/v1/customers', { email: `fuzz-${randomUUID().slice(0, 8)}@example.com`, password: 'long enough secret' })).status).toBe(201);
      const cart = await shopper.json('POST', '/api/v1/cart/items', { sku: product.variants[0]!.sku, quantity: 1 });
      expect(cart.status).toBe(201);

      const documentUrl = `${both.platform.storefront.url}${STOREFRONT_API_DOCUMENT_PATH}`;
      const headers = { host: store.host, cookie: `sf_session=${shopper.cookie('sf_session')}` };
      const slug = { slug: product.slug };
      const pathParameters = {
        '/api/v1/products/{slug}': slug,
        '/api/v1/products/{slug}/reviews': slug,
        '/api/v1/products/{slug}/reviews/mine': slug,
        '/api/v1/cart/items/{id}': { id: cart.body.lines[0].id as string },
      };
      expectNoServerError(await fuzzOpenApiDocument({ documentUrl, headers, pathParameters }), await operationsOf(documentUrl));
    },
    FUZZ_TIMEOUT_MS,
  );
});
