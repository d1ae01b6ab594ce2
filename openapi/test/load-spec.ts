import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const specDir = join(import.meta.dirname, '..');
export const spec = parse(readFileSync(join(specDir, 'distillery.yaml'), 'utf8'));

/** Ajv (draft 2020-12) holding the whole spec, so any JSON pointer into it can be a schema. */
export function createValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(spec, 'distillery.json');
  return (pointer: string, value: unknown) => {
    const validate = ajv.compile({ $ref: `distillery.json#${pointer}` });
    const ok = validate(value);
    return { ok, errors: ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }) };
  };
}

export const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');
