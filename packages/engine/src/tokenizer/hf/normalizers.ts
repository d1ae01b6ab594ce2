import { UnsupportedTokenizerError } from './errors.ts';
import { array, isObject, type JsonObject, object, string, typeOf } from './json-fields.ts';
import { literalRegExp, onigRegExp } from './onig-regex.ts';

export type Normalize = (text: string) => string;

const SUPPORTED = 'Sequence, Prepend and Replace are';

/** The tokenizer.json `normalizer`, or null when there is none. */
export function buildNormalizer(json: unknown, where = 'tokenizer.json: normalizer'): Normalize | null {
  if (json === null || json === undefined) return null;
  const o = object(json, where);
  const type = typeOf(o, where);
  switch (type) {
    case 'Sequence': {
      const steps = array(o.normalizers, `${where}.normalizers`).map((n, i) =>
        buildNormalizer(n, `${where}.normalizers[${i}]`),
      );
      return (text) => steps.reduce((t, step) => (step ? step(t) : t), text);
    }
    case 'Prepend': {
      const prefix = string(o.prepend, `${where}.prepend`);
      return (text) => (text ? prefix + text : text);
    }
    case 'Replace': {
      const re = pattern(o, where);
      const content = string(o.content, `${where}.content`);
      return (text) => text.replace(re, () => content);
    }
    default:
      throw new UnsupportedTokenizerError(
        `${where} type ${JSON.stringify(type)} is not supported (${SUPPORTED})`,
      );
  }
}

/** The `pattern` of a Replace or Split: `{ String }` matches literally, `{ Regex }` is Oniguruma's. */
export function pattern(o: JsonObject, where: string): RegExp {
  const p = object(o.pattern, `${where}.pattern`);
  if (typeof p.String === 'string') return literalRegExp(p.String);
  if (typeof p.Regex === 'string') return onigRegExp(p.Regex, where);
  throw new UnsupportedTokenizerError(
    `${where}.pattern ${JSON.stringify(p)} is not supported (a String or a Regex is)`,
  );
}

/** Whether the normalizer writes SentencePiece's "▁" (Llama 2's Prepend("▁") and Replace(" ", "▁")). */
export function writesMetaspace(json: unknown): boolean {
  if (!isObject(json)) return false;
  if (json.type === 'Sequence')
    return Array.isArray(json.normalizers) && json.normalizers.some(writesMetaspace);
  return (
    (json.type === 'Prepend' && json.prepend === '▁') || (json.type === 'Replace' && json.content === '▁')
  );
}
