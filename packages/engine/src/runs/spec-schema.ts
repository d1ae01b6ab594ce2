import { ConfigError } from './errors.ts';

/**
 * The subset of JSON Schema that the API's config schemas use (see generated/config-schemas.ts).
 * The server validates requests with Ajv against the same spec; this lets a library caller of the
 * engine leave out the API's defaults and get the API's bounds checked, without either being written
 * down a second time.
 */
export interface ConfigSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, ConfigSchema>>;
  readonly required?: readonly string[];
  readonly items?: ConfigSchema;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly oneOf?: readonly ConfigSchema[];
}

/**
 * `value` with every missing property that has a default filled in, each given one checked against
 * its schema. Properties the schema does not describe pass through: they are the caller's business.
 */
export function withSchemaDefaults(
  schema: ConfigSchema,
  value: Readonly<Record<string, unknown>>,
  field: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const name of schema.required ?? []) {
    if (out[name] === undefined) throw new ConfigError(`${field}.${name}`, 'is required');
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (out[name] === undefined && 'default' in property) out[name] = structuredClone(property.default);
    if (out[name] !== undefined) out[name] = check(property, out[name], `${field}.${name}`);
  }
  return out;
}

function check(schema: ConfigSchema, value: unknown, field: string): unknown {
  // Rows-and-prompts unions are the server's to check: the engine takes rows as an option.
  if (schema.oneOf) return value;
  const fail = (message: string): never => {
    throw new ConfigError(field, message);
  };
  switch (schema.type) {
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('must be a number');
      const n = value as number;
      if (schema.type === 'integer' && !Number.isInteger(n)) fail('must be an integer');
      if (schema.minimum !== undefined && n < schema.minimum) fail(`must be ≥ ${schema.minimum}`);
      if (schema.exclusiveMinimum !== undefined && n <= schema.exclusiveMinimum)
        fail(`must be > ${schema.exclusiveMinimum}`);
      if (schema.maximum !== undefined && n > schema.maximum) fail(`must be ≤ ${schema.maximum}`);
      break;
    }
    case 'string': {
      if (typeof value !== 'string') fail('must be a string');
      const s = value as string;
      if (schema.minLength !== undefined && s.length < schema.minLength)
        fail(`must have at least ${schema.minLength} characters`);
      if (schema.maxLength !== undefined && s.length > schema.maxLength)
        fail(`must have at most ${schema.maxLength} characters`);
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(s))
        fail(`must match ${schema.pattern}`);
      break;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('must be a boolean');
      break;
    case 'array': {
      if (!Array.isArray(value)) fail('must be an array');
      const items = value as unknown[];
      if (schema.minItems !== undefined && items.length < schema.minItems)
        fail(`must have at least ${schema.minItems} items`);
      if (schema.maxItems !== undefined && items.length > schema.maxItems)
        fail(`must have at most ${schema.maxItems} items`);
      if (schema.uniqueItems && new Set(items).size !== items.length) fail('must not repeat an item');
      return schema.items ? items.map((item, i) => check(schema.items!, item, `${field}[${i}]`)) : items;
    }
    case 'object':
      if (!value || typeof value !== 'object' || Array.isArray(value)) fail('must be an object');
      return withSchemaDefaults(schema, value as Record<string, unknown>, field);
  }
  if (schema.enum && !schema.enum.includes(value)) fail(`must be one of: ${schema.enum.join(', ')}`);
  return value;
}
