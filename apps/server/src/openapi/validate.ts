import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ApiError } from '../errors.ts';
import { type OperationInfo, openapi, operationsById } from './spec.ts';

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

function makeAjv(coerce: boolean): Ajv2020 {
  // strict: false because OpenAPI adds keywords (example) that are not JSON Schema.
  const ajv = new Ajv2020({ strict: false, allErrors: false, useDefaults: true, coerceTypes: coerce });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: openapi.components });
  return ajv;
}

const bodyAjv = makeAjv(false);
const paramAjv = makeAjv(true);

/** Rewrites the spec's local refs so they resolve inside the `openapi` schema registered above. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema && typeof schema === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema))
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi${v}` : rebase(v);
    return out;
  }
  return schema;
}

export interface OperationValidators {
  path?: ValidateFunction;
  query?: ValidateFunction;
  header?: ValidateFunction;
  body?: ValidateFunction;
  /** Header names as the spec spells them, by lower-case name, for error messages. */
  headerNames: Map<string, string>;
}

function paramSchema(op: OperationInfo, location: 'path' | 'query' | 'header') {
  const params = op.parameters.filter((p) => p.in === location);
  if (!params.length) return undefined;
  const key = (name: string) => (location === 'header' ? name.toLowerCase() : name);
  return paramAjv.compile(
    rebase({
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [key(p.name), p.schema ?? {}])),
      required: params.filter((p) => p.required).map((p) => key(p.name)),
    }) as object,
  );
}

const cache = new Map<string, OperationValidators>();

export function validatorsFor(operationId: string): OperationValidators {
  const cached = cache.get(operationId);
  if (cached) return cached;
  const op = operationsById.get(operationId);
  if (!op) throw new Error(`unknown operation ${operationId}`);
  const json = op.operation.requestBody?.content['application/json']?.schema;
  const v: OperationValidators = {
    path: paramSchema(op, 'path'),
    query: paramSchema(op, 'query'),
    header: paramSchema(op, 'header'),
    body: json ? bodyAjv.compile(rebase(json) as object) : undefined,
    headerNames: new Map(
      op.parameters.filter((p) => p.in === 'header').map((p) => [p.name.toLowerCase(), p.name]),
    ),
  };
  cache.set(operationId, v);
  return v;
}

/** Dotted field name of an Ajv error: `config.bond_beta`, `config.prompts[2].prompt`, `limit`. */
function fieldOf(error: ErrorObject): string {
  const parts = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && extra.missingProperty) parts.push(extra.missingProperty);
  if (error.keyword === 'additionalProperties' && extra.additionalProperty)
    parts.push(extra.additionalProperty);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function describe(error: ErrorObject, field: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${field} is required`;
    case 'additionalProperties':
      return `${field} is not a known field`;
    case 'enum':
      return `${field} must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${field || 'body'} ${error.message ?? 'is invalid'}`;
  }
}

/** What PostgreSQL text and jsonb cannot store: U+0000, and UTF-16 surrogates without their pair. */
function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'NUL characters';
  if (!text.isWellFormed()) return 'unpaired UTF-16 surrogates';
  return undefined;
}

/** The first string (or object key) in a value that cannot be stored, as a dotted field name. */
export function findUnstorableText(
  value: unknown,
  field = '',
): { field: string; reason: string } | undefined {
  if (typeof value === 'string') {
    const reason = unstorable(value);
    return reason ? { field, reason } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, `${field}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const named = field ? `${field}.${key}` : key;
      const reason = unstorable(key);
      if (reason) return { field: named, reason };
      const found = findUnstorableText(item, named);
      if (found) return found;
    }
  }
  return undefined;
}

/** Refused before it reaches SQL: a 400 naming the field. */
export function unstorableTextError(found: { field: string; reason: string }, location: string): ApiError {
  const field = found.field || location;
  return new ApiError(400, 'invalid_request', `${field} must not contain ${found.reason}`, { param: field });
}

/** A 400 naming the field; config and hyperparameter fields are `invalid_config`. */
export function validationError(
  errors: ErrorObject[] | null | undefined,
  location: 'body' | 'query' | 'path' | 'header',
  headerNames?: Map<string, string>,
): ApiError {
  const error = errors?.[0];
  if (!error) return new ApiError(400, 'invalid_request', `Invalid ${location}`);
  let field = fieldOf(error);
  if (location === 'header') {
    const [head, ...rest] = field.split('.');
    field = [headerNames?.get(head ?? '') ?? head, ...rest].join('.');
  }
  const isConfig = location === 'body' && /^(config|hyperparameters)(\.|\[|$)/.test(field);
  return new ApiError(400, isConfig ? 'invalid_config' : 'invalid_request', describe(error, field), {
    param: field || location,
  });
}

/**
 * Fills the spec's defaults into a stored job config in place, as validating its request did: a
 * default added to the spec after the job was stored reaches it too. The fine-tuning config holds
 * the training fields of `CreateFineTuningJobRequest`.
 */
const storedConfigFillers = {
  distillation: bodyAjv.compile(rebase({ $ref: '#/components/schemas/DistillationConfig' }) as object),
  fine_tuning: bodyAjv.compile(
    rebase({
      type: 'object',
      properties: (() => {
        const request = openapi.components.schemas.CreateFineTuningJobRequest as {
          properties: Record<string, unknown>;
        };
        return { hyperparameters: request.properties.hyperparameters, backend: request.properties.backend };
      })(),
    }) as object,
  ),
};

export function fillStoredConfigDefaults(kind: 'distillation' | 'fine_tuning', config: object): void {
  // Stored configs were valid when stored; only the filling matters here.
  storedConfigFillers[kind](config);
}
