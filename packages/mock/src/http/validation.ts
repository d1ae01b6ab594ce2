/**
 * Ajv (JSON Schema 2020-12) over the whole spec, so a request is judged by the same schema the
 * real server uses and a 400 names the field the same way (`config.bond_beta`, `limit`).
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { spec } from '../spec';

// ajv-formats is CommonJS; depending on the bundler its default export arrives wrapped or not.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

const SPEC_ID = 'distillery.json';
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (!ajv) {
    // strict: false because the spec carries OpenAPI keywords (example) Ajv does not know.
    ajv = new Ajv2020({ strict: false, allErrors: false, verbose: true });
    addFormats(ajv);
    ajv.addSchema(spec, SPEC_ID);
  }
  return ajv;
}

/** A compiled validator for the schema at a JSON pointer into the spec. */
export function validatorAt(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = instance().compile({ $ref: `${SPEC_ID}#${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

export interface Violation {
  /** Dotted path of the field at fault, e.g. `config.bond_beta`; empty for the root. */
  param: string;
  message: string;
}

/** Validates `value` and returns the first violation, phrased like the real server's errors. */
export function firstViolation(pointer: string, value: unknown, prefix = ''): Violation | undefined {
  const validate = validatorAt(pointer);
  if (validate(value)) return undefined;
  const errors = validate.errors ?? [];
  // Branch errors of oneOf/anyOf come before the summary error; the deepest one names the field best.
  const error = errors.reduce((best, e) => (e.instancePath.length > best.instancePath.length ? e : best));
  return describe(error, prefix);
}

function describe(error: ErrorObject, prefix: string): Violation {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  const path = segments.reduce(
    (acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s),
    prefix,
  );
  const join = (field: string) => (path ? `${path}.${field}` : field);
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        param: join(String(params.missingProperty)),
        message: `${join(String(params.missingProperty))} is required`,
      };
    case 'additionalProperties':
      return {
        param: join(String(params.additionalProperty)),
        message: `${join(String(params.additionalProperty))} is not a known field`,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const low = schema.minimum ?? schema.exclusiveMinimum;
      const high = schema.maximum ?? schema.exclusiveMaximum;
      if (low !== undefined && high !== undefined) {
        return { param: path, message: `${path} must be between ${low} and ${high}` };
      }
      return { param: path, message: `${path} ${error.message}` };
    }
    case 'enum':
      return {
        param: path,
        message: `${path} must be one of ${(params.allowedValues as unknown[]).join(', ')}`,
      };
    default:
      return { param: path || 'body', message: `${path || 'body'} ${error.message ?? 'is invalid'}` };
  }
}

/** Turns a query-string value into the JSON type its schema wants, so `limit=500` is judged as 500. */
export function coerceQueryValue(raw: string, schema: Record<string, unknown>): unknown {
  const type = schema.type;
  if ((type === 'integer' || type === 'number') && raw.trim() !== '' && !Number.isNaN(Number(raw))) {
    return Number(raw);
  }
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}
