import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { z } from 'zod';

export type ValidatedPart = 'body' | 'query' | 'path';

/** What one route validates, read from its parameter decorators as the validation pipe reads them. */
export interface OperationValidators {
  /** `post /api/v1/products/{id}`, as the OpenAPI document keys it. */
  readonly operation: string;
  readonly schemas: Partial<Record<ValidatedPart, z.ZodType>>;
  /** Body or query parameters taken without a schema: whatever arrives is undocumented. */
  readonly unvalidated: readonly ValidatedPart[];
}

interface RouteArgument {
  readonly index: number;
  readonly data?: unknown;
  readonly schema?: unknown;
}

const PART_OF: Partial<Record<RouteParamtypes, ValidatedPart>> = {
  [RouteParamtypes.BODY]: 'body',
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.PARAM]: 'path',
};

/** Every route of every controller in the application, with the schemas its parameters declare. */
export function operationValidators(app: INestApplication, includePath: (path: string) => boolean = () => true): OperationValidators[] {
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()].map((wrapper) => wrapper.metatype));
  return controllers.flatMap((metatype) => {
    if (typeof metatype !== 'function') return [];
    const controller = metatype as Type;
    const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      if (typeof handler !== 'function') return [];
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) return [];
      const path = openApiPath(prefix, String(Reflect.getMetadata(PATH_METADATA, handler) ?? ''));
      if (!includePath(path)) return [];
      const routeArguments = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, RouteArgument>;
      return [validatorsOf(`${RequestMethod[method].toLowerCase()} ${path}`, routeArguments)];
    });
  });
}

function validatorsOf(operation: string, routeArguments: Record<string, RouteArgument>): OperationValidators {
  const schemas: Partial<Record<ValidatedPart, z.ZodType>> = {};
  const unvalidated: ValidatedPart[] = [];
  for (const [key, argument] of Object.entries(routeArguments)) {
    const part = PART_OF[Number(key.split(':')[0]) as RouteParamtypes];
    if (!part) continue;
    if (argument.schema instanceof z.ZodType) schemas[part] = argument.schema;
    // A named path parameter (`@Param('id')`) is documented as a string and checked by its route.
    else if (part !== 'path') unvalidated.push(part);
  }
  return { operation, schemas, unvalidated };
}

function openApiPath(prefix: string, path: string): string {
  const joined = `/${[prefix, path].map((part) => part.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`;
  return joined.replace(/:(\w+)/g, '{$1}');
}
