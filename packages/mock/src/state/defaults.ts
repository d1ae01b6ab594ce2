import { spec } from '../spec';

type Json = Record<string, unknown>;

/**
 * Fills a schema's `default`s into an object, as the server does before echoing a config back.
 * Read from the spec so that a new default there needs no change here.
 */
export function withDefaults<T extends object>(schemaName: string, value: object): T {
  const schema = (spec.components as Json).schemas as Record<string, Json>;
  const properties = (schema[schemaName]?.properties ?? {}) as Record<string, Json>;
  const filled: Json = {};
  for (const [name, property] of Object.entries(properties)) {
    if (property.default !== undefined) filled[name] = structuredClone(property.default);
  }
  return { ...filled, ...value } as T;
}
