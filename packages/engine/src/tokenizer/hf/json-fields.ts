import { MalformedTokenizerError } from './errors.ts';

/** A JSON object as parsed, its fields unchecked. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw new MalformedTokenizerError(`${where} must be an object`);
  return value;
}

export function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new MalformedTokenizerError(`${where} must be an array`);
  return value;
}

export function string(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new MalformedTokenizerError(`${where} must be a string`);
  return value;
}

/** A boolean field; absent or null reads as `fallback`, as serde's defaults do. */
export function flag(o: JsonObject, key: string, fallback: boolean, where: string): boolean {
  const value = o[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new MalformedTokenizerError(`${where}.${key} must be a boolean`);
  return value;
}

export function count(value: unknown, where: string): number {
  if (!Number.isInteger(value) || (value as number) < 0)
    throw new MalformedTokenizerError(`${where} must be a non-negative integer`);
  return value as number;
}

/** A one-code-point string, as Rust's `char` fields (Metaspace's replacement, Strip's content) are. */
export function char(value: unknown, where: string): string {
  const s = string(value, where);
  if ([...s].length !== 1) throw new MalformedTokenizerError(`${where} must be a single character`);
  return s;
}

/** The `type` of a component, for dispatch and for naming it in errors. */
export function typeOf(o: JsonObject, where: string): string {
  return string(o.type, `${where}.type`);
}
