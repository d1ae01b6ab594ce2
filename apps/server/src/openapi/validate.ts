import { SpecValidator, violationOf } from '@distillery/openapi/validator';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ApiError } from '../errors.ts';
import { type OperationInfo, openapi, operationsById } from './spec.ts';

const bodies = new SpecValidator({ useDefaults: true });
const parameters = new SpecValidator({ useDefaults: true, coerceTypes: true });

export interface OperationValidators {
  path?: ValidateFunction;
  query?: ValidateFunction;
  header?: ValidateFunction;
  body?: ValidateFunction;
  /** The request's media types besides JSON (`multipart/form-data`): their route reads the body. */
  otherBodyTypes: string[];
  /** Header names as the spec spells them, by lower-case name, for error messages. */
  headerNames: Map<string, string>;
}

function paramSchema(op: OperationInfo, location: 'path' | 'query' | 'header') {
  const params = op.parameters.filter((p) => p.in === location);
  if (!params.length) return undefined;
  const key = (name: string) => (location === 'header' ? name.toLowerCase() : name);
  return parameters.compile({
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [key(p.name), p.schema ?? {}])),
    required: params.filter((p) => p.required).map((p) => key(p.name)),
  });
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
    body: json ? bodies.compile(json) : undefined,
    otherBodyTypes: Object.keys(op.operation.requestBody?.content ?? {}).filter(
      (t) => t !== 'application/json',
    ),
    headerNames: new Map(
      op.parameters.filter((p) => p.in === 'header').map((p) => [p.name.toLowerCase(), p.name]),
    ),
  };
  cache.set(operationId, v);
  return v;
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
  let { param, message } = violationOf(errors, { root: location });
  if (location === 'header') {
    // Headers are validated by their lower-case names; errors use the spec's spelling.
    const head = param.split('.')[0] ?? '';
    const spelled = headerNames?.get(head);
    if (spelled) {
      param = spelled + param.slice(head.length);
      message = spelled + message.slice(head.length);
    }
  }
  const isConfig = location === 'body' && /^(config|hyperparameters)(\.|\[|$)/.test(param);
  return new ApiError(400, isConfig ? 'invalid_config' : 'invalid_request', message, { param });
}

/**
 * Fills the spec's defaults into a stored job config in place, as validating its request did: a
 * default added to the spec after the job was stored reaches it too. The fine-tuning config holds
 * the training fields of `CreateFineTuningJobRequest`.
 */
const storedConfigFillers = {
  distillation: bodies.at('/components/schemas/DistillationConfig'),
  fine_tuning: bodies.compile({
    type: 'object',
    properties: (() => {
      const request = openapi.components.schemas.CreateFineTuningJobRequest as {
        properties: Record<string, unknown>;
      };
      return { hyperparameters: request.properties.hyperparameters, backend: request.properties.backend };
    })(),
  }),
};

export function fillStoredConfigDefaults(kind: 'distillation' | 'fine_tuning', config: object): void {
  // Stored configs were valid when stored; only the filling matters here.
  storedConfigFillers[kind](config);
}
