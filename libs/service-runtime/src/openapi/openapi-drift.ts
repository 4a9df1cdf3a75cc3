import type { z } from 'zod';
import { undocumentedRefinements } from './undocumented-refinements';
import type { OperationValidators, ValidatedPart } from './validating-schemas';

type JsonSchema = Record<string, unknown>;

interface DocumentedParameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}

interface DocumentedOperation {
  readonly parameters?: readonly DocumentedParameter[];
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: JsonSchema }> };
}

export interface OpenApiPaths {
  readonly paths: Record<string, Record<string, DocumentedOperation>>;
}

/** A validator as the OpenAPI document states it: the request's side of the schema (before transforms). */
export function documentedSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...documented } = schema['~standard'].jsonSchema!.input({ target: 'openapi-3.0' }) as JsonSchema;
  return documented;
}

/**
 * Every way the document and the validators disagree, one line each: an operation whose body,
 * query or path schema in the document is not its validator's, a body or query taken without a
 * schema, a refinement the document cannot see. Empty when the document is the validators.
 */
export function documentDrift(document: OpenApiPaths, operations: readonly OperationValidators[]): string[] {
  return operations.flatMap((operation) => {
    const [method, path] = operation.operation.split(' ') as [string, string];
    const documented = document.paths[path]?.[method];
    if (!documented) return [`${operation.operation}: not in the document`];
    const drift = operation.unvalidated.map((part) => `${operation.operation}: its ${part} is taken without a schema, so the document cannot state it`);
    for (const [part, schema] of Object.entries(operation.schemas) as [ValidatedPart, z.ZodType][]) {
      drift.push(...undocumentedRefinements(schema).map((at) => `${operation.operation}: ${part} ${at} has a refinement the document does not state`));
      drift.push(...partDrift(documented, part, documentedSchemaOf(schema)).map((line) => `${operation.operation}: ${line}`));
    }
    return drift;
  });
}

function partDrift(documented: DocumentedOperation, part: ValidatedPart, expected: JsonSchema): string[] {
  if (part === 'body') {
    const actual = documented.requestBody?.content?.['application/json']?.schema;
    return sameJson(actual, expected) ? [] : [`body documented as ${JSON.stringify(actual)}, validated as ${JSON.stringify(expected)}`];
  }
  // Query and path objects are documented one parameter per property.
  const properties = (expected.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((expected.required ?? []) as string[]);
  const location = part === 'query' ? 'query' : 'path';
  const parameters = (documented.parameters ?? []).filter((parameter) => parameter.in === location);
  const drift = parameters.filter((parameter) => !(parameter.name in properties)).map((parameter) => `${part} parameter ${parameter.name} is documented but not validated`);
  for (const [name, schema] of Object.entries(properties)) {
    const parameter = parameters.find((candidate) => candidate.name === name);
    if (!parameter) drift.push(`${part} parameter ${name} is validated but not documented`);
    else if (!sameJson(parameter.schema, schema) || (parameter.required ?? false) !== (required.has(name) || part === 'path')) {
      drift.push(`${part} parameter ${name} documented as ${JSON.stringify(parameter)}, validated as ${JSON.stringify({ required: required.has(name), schema })}`);
    }
  }
  return drift;
}

/** Equal as JSON, whatever the key order or the realm that parsed it (Jest's and Node's differ). */
function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}
