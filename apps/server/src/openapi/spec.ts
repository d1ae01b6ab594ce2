import { type components, type DefaultedParameters, type operations, spec } from '@distillery/openapi';

/** The contract as data (for Ajv and the scope table) and as types (for handlers). */
export const openapi = spec as unknown as OpenApiDocument;

export type Schemas = components['schemas'];
export type OperationId = keyof operations;
export type QueryOf<O extends OperationId> = operations[O]['parameters'] extends { query?: infer Q }
  ? NonNullable<Q>
  : never;
export type BodyOf<O extends OperationId> = operations[O] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;
type ParametersOf<O extends OperationId> = operations[O]['parameters'];
/** `T` with the keys `K` present: validation filled them in from the spec's defaults. */
type Filled<T, K> = T & Required<Pick<T, K & keyof T>>;
type PathOf<O extends OperationId> = ParametersOf<O> extends { path: infer P } ? NonNullable<P> : never;
type HeaderOf<O extends OperationId> = ParametersOf<O> extends { header?: infer H } ? NonNullable<H> : never;
/** Header names are matched case-insensitively, so validated headers are keyed in lower case. */
type LowerKeys<T> = { [K in keyof T as Lowercase<K & string>]: T[K] };
type Defaulted<O extends OperationId, In extends 'query' | 'header'> = O extends keyof DefaultedParameters
  ? DefaultedParameters[O][In]
  : never;
type Known<T> = [T] extends [never] ? Record<never, never> : T;

/**
 * What a handler reads from its request once the `operation()` middleware validated it against the
 * spec: typed by the generated types, with the defaults validation filled in marked present.
 */
export interface InputOf<O extends OperationId> {
  path: Known<PathOf<O>>;
  query: Known<Filled<QueryOf<O>, Defaulted<O, 'query'>>>;
  header: Known<LowerKeys<Filled<HeaderOf<O>, Defaulted<O, 'header'>>>>;
  body: Known<BodyOf<O>>;
  /** The raw body text, for idempotency hashing (before defaults are filled in). */
  rawBody: string;
  /** The tenant the request acts on: named by `tenant_id`, else the caller's. */
  tenantId: string;
}

export type JsonOf<
  O extends OperationId,
  S extends keyof operations[O]['responses'],
> = operations[O]['responses'][S] extends {
  content: { 'application/json': infer R };
}
  ? R
  : never;

export interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
  $ref?: string;
}

export interface OperationObject {
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  security?: Array<Record<string, string[]>>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown> & { parameters?: ParameterObject[] }>;
  components: { schemas: Record<string, unknown>; parameters: Record<string, ParameterObject> };
  security: Array<Record<string, string[]>>;
  info: { version: string };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface OperationInfo {
  id: string;
  method: string;
  path: string;
  parameters: ParameterObject[];
  operation: OperationObject;
  /** The scope the operation asks for; null when any valid key will do, or no auth at all. */
  scope: string | null;
  public: boolean;
}

function resolveParameter(p: ParameterObject): ParameterObject {
  if (!p.$ref) return p;
  const name = p.$ref.split('/').pop() as string;
  return openapi.components.parameters[name] as ParameterObject;
}

/** Every operation of the spec by operationId, with its parameters resolved. */
export const operationsById: Map<string, OperationInfo> = (() => {
  const map = new Map<string, OperationInfo>();
  for (const [path, item] of Object.entries(openapi.paths)) {
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolveParameter);
      const security = op.security ?? openapi.security;
      const scopes = security.flatMap((s) => Object.values(s).flat());
      map.set(op.operationId, {
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        parameters: params,
        operation: op,
        scope: scopes[0] ?? null,
        public: security.length === 0,
      });
    }
  }
  return map;
})();

/** Each spec path as a pattern over request paths, with the methods the spec defines for it. */
const pathMethods = Object.entries(openapi.paths).map(([path, item]) => ({
  pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  params: path.split('{').length - 1,
  methods: METHODS.filter((m) => item[m]).map((m) => m.toUpperCase()),
}));

/**
 * The methods the spec allows on a request path (`HEAD` with `GET`); empty for a path it lacks.
 * A literal segment wins over a parameter, as in routing: `/v1/distillation/estimate` is not a job id.
 */
export function allowedMethods(requestPath: string): string[] {
  const matches = pathMethods.filter((p) => p.pattern.test(requestPath));
  const fewest = Math.min(...matches.map((p) => p.params));
  const methods = new Set(matches.filter((p) => p.params === fewest).flatMap((p) => p.methods));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods];
}
