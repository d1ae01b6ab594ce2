/**
 * The contract as data: every operation of openapi/distillery.yaml with what the mock needs to
 * enforce it (required scope, declared statuses, request schemas). Read from the contract package so
 * that a change to the spec changes the mock's behaviour without hand-copied tables.
 */

import { type components, type paths, spec as specJson } from '@distillery/openapi';

export type { components, paths };
export type Schemas = components['schemas'];

type Json = Record<string, unknown>;

export const spec = specJson as unknown as Json & { paths: Record<string, Record<string, Json>> };

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A query or path parameter. */
export interface QueryParameter {
  name: string;
  /** JSON pointer into the spec of the parameter's schema. */
  schemaPointer: string;
  schema: Json;
}

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** The OpenAPI path template, e.g. `/v1/distillation/{job_id}`. */
  path: string;
  /**
   * `null`: public (`security: []`). Otherwise the scope the operation asks for, or `''` when any
   * valid key will do (operations that inherit the global security without scopes).
   */
  scope: string | null;
  statuses: Set<string>;
  query: QueryParameter[];
  /** The path template's parameters (`job_id`, `key_id`, …) with their schemas. */
  pathParams: QueryParameter[];
  /** JSON pointer of the JSON request body's schema, when the operation takes one. */
  jsonBodyPointer?: string;
  /** The request body's media types besides JSON (`multipart/form-data`): the handler reads those. */
  otherBodyTypes: string[];
}

const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

function resolve(node: Json): [Json, string | undefined] {
  const ref = node.$ref;
  if (typeof ref !== 'string') return [node, undefined];
  const target = ref
    .slice(2)
    .split('/')
    .reduce<Json>((at, key) => at[key.replaceAll('~1', '/').replaceAll('~0', '~')] as Json, spec);
  return [target, ref.slice(1)];
}

function scopeOf(security: unknown): string | null {
  if (!Array.isArray(security)) return '';
  if (security.length === 0) return null;
  for (const requirement of security as Json[]) {
    for (const scopes of Object.values(requirement)) {
      if (Array.isArray(scopes) && typeof scopes[0] === 'string') return scopes[0];
    }
  }
  return '';
}

function buildOperations(): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const shared = (item.parameters as Json[] | undefined) ?? [];
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const pointerBase = `/paths/${escapePointer(path)}/${method}`;
      const query: QueryParameter[] = [];
      const pathParams: QueryParameter[] = [];
      const own = (op.parameters as Json[] | undefined) ?? [];
      const all: Array<[Json, string]> = [
        ...shared.map((p, i): [Json, string] => [p, `/paths/${escapePointer(path)}/parameters/${i}`]),
        ...own.map((p, i): [Json, string] => [p, `${pointerBase}/parameters/${i}`]),
      ];
      for (const [raw, pointer] of all) {
        const [param, refPointer] = resolve(raw);
        if (param.in !== 'query' && param.in !== 'path') continue;
        (param.in === 'query' ? query : pathParams).push({
          name: param.name as string,
          schemaPointer: `${refPointer ?? pointer}/schema`,
          schema: param.schema as Json,
        });
      }
      const content = (op.requestBody as Json | undefined)?.content as Json | undefined;
      operations.push({
        operationId: op.operationId as string,
        method,
        path,
        scope: scopeOf(op.security ?? spec.security),
        statuses: new Set(Object.keys(op.responses as Json)),
        query,
        pathParams,
        otherBodyTypes: Object.keys(content ?? {}).filter((t) => t !== 'application/json'),
        ...(content?.['application/json']
          ? { jsonBodyPointer: `${pointerBase}/requestBody/content/application~1json/schema` }
          : {}),
      });
    }
  }
  return operations;
}

export const operations: readonly Operation[] = buildOperations();
export const operationsById = new Map(operations.map((op) => [op.operationId, op]));

export function operation(operationId: string): Operation {
  const op = operationsById.get(operationId);
  if (!op) throw new Error(`The spec has no operation ${operationId}`);
  return op;
}

/** Finds the operation a concrete request path belongs to (used by the response validator). */
export function matchOperation(method: string, pathname: string): Operation | undefined {
  const lower = method.toLowerCase();
  return operations.find((op) => op.method === lower && templateRegExp(op.path).test(pathname));
}

const templates = new Map<string, RegExp>();
export function templateRegExp(template: string): RegExp {
  let re = templates.get(template);
  if (!re) {
    re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    templates.set(template, re);
  }
  return re;
}
