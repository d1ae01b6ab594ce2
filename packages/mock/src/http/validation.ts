/**
 * The contract's own validator (`@distillery/openapi/validator`), so that a request is judged by the
 * schema the real server uses and a 400 names the field and says what is wrong the same way.
 */
import { SpecValidator, type Violation, violationOf } from '@distillery/openapi/validator';
import type { ValidateFunction } from 'ajv';

export type { Violation };

// Without defaults: the mock judges requests and leaves them as sent.
const validator = new SpecValidator();

/** A compiled validator for the schema at a JSON pointer into the spec. */
export function validatorAt(pointer: string): ValidateFunction {
  return validator.at(pointer);
}

/** Validates `value` and returns its violation, if any, with its field under `prefix`. */
export function firstViolation(pointer: string, value: unknown, prefix = ''): Violation | undefined {
  const validate = validator.at(pointer);
  return validate(value) ? undefined : violationOf(validate.errors, { prefix });
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
