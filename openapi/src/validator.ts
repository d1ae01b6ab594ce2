/**
 * One validator for the contract: Ajv (JSON Schema 2020-12) holding the whole spec, and one phrasing
 * of what is wrong, so that the server and the mock name the field at fault and say it the same way
 * (`config.bond_beta must be between 0 and 1`).
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
// The JSON itself, not ./index: Node runs this file with its types stripped, extensions as written.
import spec from './generated/openapi.json' with { type: 'json' };

// ajv-formats is CommonJS; depending on the bundler its default export arrives wrapped or not.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

const SPEC_ID = 'distillery.json';

export interface SpecValidatorOptions {
  /** Fill in the spec's defaults while validating (requests: the filled value is what is stored). */
  useDefaults?: boolean;
  /** Coerce strings to the schema's type (query, path and header parameters arrive as text). */
  coerceTypes?: boolean;
}

export class SpecValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(options: SpecValidatorOptions = {}) {
    // strict: false because OpenAPI adds keywords (example) that are not JSON Schema; verbose keeps
    // each error's schema, which the bounds message reads.
    this.ajv = new Ajv2020({
      strict: false,
      allErrors: false,
      verbose: true,
      useDefaults: options.useDefaults ?? false,
      coerceTypes: options.coerceTypes ?? false,
    });
    addFormats(this.ajv);
    this.ajv.addSchema(spec as object, SPEC_ID);
  }

  /** The validator of the schema at a JSON pointer into the spec, e.g. `/components/schemas/Job`. */
  at(pointer: string): ValidateFunction {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
      this.compiled.set(pointer, validate);
    }
    return validate;
  }

  /** The validator of a schema written against the spec: its `#/components/…` refs resolve there. */
  compile(schema: object): ValidateFunction {
    return this.ajv.compile(rebase(schema) as object);
  }
}

function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema && typeof schema === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema))
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${SPEC_ID}${v}` : rebase(v);
    return out;
  }
  return schema;
}

export interface Violation {
  /** Dotted path of the field at fault (`config.prompts[2].prompt`); `root` for the value itself. */
  param: string;
  message: string;
}

/**
 * What to report of a failed validation. Branch errors of `oneOf`/`anyOf` come before their summary;
 * the deepest error names the field best. `prefix` is prepended to the field, `root` names the value
 * itself (`body`, `query`).
 */
export function violationOf(
  errors: ErrorObject[] | null | undefined,
  options: { prefix?: string; root?: string } = {},
): Violation {
  const root = options.root ?? 'body';
  const prefix = options.prefix ?? '';
  if (!errors?.length) return { param: prefix || root, message: `${prefix || root} is invalid` };
  const error = errors.reduce((best, e) => (e.instancePath.length > best.instancePath.length ? e : best));
  const params = error.params as Record<string, unknown>;
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (error.keyword === 'required') segments.push(String(params.missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String(params.additionalProperty));
  const field =
    segments.reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), prefix) || root;
  return { param: field, message: `${field} ${problem(error)}` };
}

function problem(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const low = schema.minimum ?? schema.exclusiveMinimum;
      const high = schema.maximum ?? schema.exclusiveMaximum;
      return low !== undefined && high !== undefined
        ? `must be between ${low} and ${high}`
        : (error.message ?? 'is out of range');
    }
    default:
      return error.message ?? 'is invalid';
  }
}
