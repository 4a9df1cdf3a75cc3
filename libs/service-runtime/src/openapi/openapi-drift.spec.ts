import { z } from 'zod';
import { atLeastOneField } from './at-least-one-field';
import { documentDrift, documentedSchemaOf, type OpenApiPaths } from './openapi-drift';
import type { OperationValidators } from './validating-schemas';

const nameSchema = z.strictObject({ name: z.string().min(1).max(100) });

function documentWithBody(schema: Record<string, unknown>): OpenApiPaths {
  return { paths: { '/things': { post: { requestBody: { content: { 'application/json': { schema } } } } } } };
}

function bodyValidator(schema: z.ZodType): OperationValidators {
  return { operation: 'post /things', schemas: { body: schema }, unvalidated: [] };
}

describe('OpenAPI document drift', () => {
  it('finds none when the document states the validators', () => {
    expect(documentDrift(documentWithBody(documentedSchemaOf(nameSchema)), [bodyValidator(nameSchema)])).toEqual([]);
  });

  it('reports a documented body looser than its validator', () => {
    const looser = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    expect(documentDrift(documentWithBody(looser), [bodyValidator(nameSchema)])).toEqual([expect.stringMatching(/^post \/things: body documented as .*validated as/)]);
  });

  it('reports a refinement without JSON Schema keywords, and accepts one that has them', () => {
    const undocumented = nameSchema.partial().refine((change) => Object.keys(change).length > 0);
    expect(documentDrift(documentWithBody(documentedSchemaOf(undocumented)), [bodyValidator(undocumented)])).toEqual([
      'post /things: body (root) has a refinement the document does not state',
    ]);
    const documented = atLeastOneField(nameSchema.partial());
    expect(documentedSchemaOf(documented)).toMatchObject({ minProperties: 1 });
    expect(documentDrift(documentWithBody(documentedSchemaOf(documented)), [bodyValidator(documented)])).toEqual([]);
  });

  it('reports a nested refinement by its path', () => {
    const nested = z.strictObject({ items: z.array(z.strictObject({ delta: z.number().refine((delta) => delta !== 0) })) });
    expect(documentDrift(documentWithBody(documentedSchemaOf(nested)), [bodyValidator(nested)])).toEqual([
      'post /things: body (root).items[].delta has a refinement the document does not state',
    ]);
  });

  it('reports a body taken without a schema and an operation missing from the document', () => {
    const unvalidated: OperationValidators = { operation: 'patch /things', schemas: {}, unvalidated: ['body'] };
    expect(documentDrift({ paths: { '/things': { patch: {} } } }, [unvalidated])).toEqual([
      'patch /things: its body is taken without a schema, so the document cannot state it',
    ]);
    expect(documentDrift({ paths: {} }, [unvalidated])).toEqual(['patch /things: not in the document']);
  });

  it('compares query parameters one by one, required ones included', () => {
    const query = z.strictObject({ page: z.coerce.number().int().min(1), q: z.string().max(200).optional() });
    const operation: OperationValidators = { operation: 'get /things', schemas: { query }, unvalidated: [] };
    const { properties } = documentedSchemaOf(query) as { properties: Record<string, object> };
    const documented = (parameters: object[]): OpenApiPaths => ({ paths: { '/things': { get: { parameters: parameters as never } } } });
    const page = { name: 'page', in: 'query', required: true, schema: properties.page };
    const q = { name: 'q', in: 'query', required: false, schema: properties.q };
    expect(documentDrift(documented([page, q]), [operation])).toEqual([]);
    expect(documentDrift(documented([page, { ...q, schema: { type: 'string' } }]), [operation])).toEqual([expect.stringMatching(/^get \/things: query parameter q documented as/)]);
    expect(documentDrift(documented([{ ...page, required: false }, q]), [operation])).toEqual([expect.stringMatching(/query parameter page documented as/)]);
    expect(documentDrift(documented([q]), [operation])).toEqual(['get /things: query parameter page is validated but not documented']);
  });
});
