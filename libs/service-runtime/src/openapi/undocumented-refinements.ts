import { z } from 'zod';

/** Metadata keys that describe a schema without constraining it. */
const DESCRIPTIVE_KEYS = new Set(['id', 'title', 'description', 'examples', 'example', 'deprecated']);

/**
 * Paths inside `schema` where a refinement (`.refine`, `.superRefine`) narrows what is accepted
 * without JSON Schema keywords in its metadata (`.meta({ pattern })`) saying how, so the OpenAPI
 * document would promise more than the validator takes.
 */
export function undocumentedRefinements(schema: z.ZodType, path = '(root)'): string[] {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const own = hasCustomCheck(def) && !hasJsonSchemaKeywords(schema) ? [path] : [];
  return [...own, ...children(def, path).flatMap(([child, childPath]) => undocumentedRefinements(child, childPath))];
}

function hasCustomCheck(def: z.core.$ZodTypeDef): boolean {
  return (def.checks ?? []).some((check) => check._zod.def.check === 'custom');
}

function hasJsonSchemaKeywords(schema: z.ZodType): boolean {
  return Object.keys(z.globalRegistry.get(schema) ?? {}).some((key) => !DESCRIPTIVE_KEYS.has(key));
}

/** The schemas a node is made of, with where they sit. */
function children(def: Record<string, unknown>, path: string): [z.ZodType, string][] {
  const at = (child: unknown, childPath: string): [z.ZodType, string][] => (child instanceof z.ZodType ? [[child, childPath]] : []);
  switch (def.type) {
    case 'object':
      return [...Object.entries(def.shape as Record<string, unknown>).flatMap(([key, child]) => at(child, `${path}.${key}`)), ...at(def.catchall, `${path}.*`)];
    case 'array':
      return at(def.element, `${path}[]`);
    case 'record':
      return [...at(def.keyType, `${path}{key}`), ...at(def.valueType, `${path}{value}`)];
    case 'union':
      return (def.options as unknown[]).flatMap((option, index) => at(option, `${path}|${index}`));
    case 'intersection':
      return [...at(def.left, path), ...at(def.right, path)];
    case 'tuple':
      return [...(def.items as unknown[]).flatMap((item, index) => at(item, `${path}[${index}]`)), ...at(def.rest, `${path}[]`)];
    case 'pipe':
      return [...at(def.in, path), ...at(def.out, path)];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return at(def.innerType, path);
    case 'lazy':
      return [];
    default:
      return [];
  }
}
