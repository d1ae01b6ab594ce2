import { MalformedTokenizerError, UnsupportedTokenizerError } from './errors.ts';
import { array, count, type JsonObject, object, string, typeOf } from './json-fields.ts';

/** What the post-processor adds around a single sequence's ids when special tokens are asked for. */
export interface PostProcessor {
  /** Ids placed before and after the sequence. */
  before: number[];
  after: number[];
}

const SUPPORTED = 'TemplateProcessing, ByteLevel and a Sequence of them are';

/** The tokenizer.json `post_processor`; null when there is none (or when it adds nothing). */
export function buildPostProcessor(
  json: unknown,
  where = 'tokenizer.json: post_processor',
): PostProcessor | null {
  if (json === null || json === undefined) return null;
  const o = object(json, where);
  const type = typeOf(o, where);
  switch (type) {
    // Its work is on offsets only; ids pass through.
    case 'ByteLevel':
      return null;
    case 'TemplateProcessing':
      return template(o, where);
    case 'Sequence': {
      const steps = array(o.processors, `${where}.processors`).map((p, i) =>
        buildPostProcessor(p, `${where}.processors[${i}]`),
      );
      // Each step wraps what the previous one produced.
      return steps.reduce<PostProcessor | null>(
        (acc, step) =>
          step
            ? {
                before: [...step.before, ...(acc?.before ?? [])],
                after: [...(acc?.after ?? []), ...step.after],
              }
            : acc,
        null,
      );
    }
    default:
      throw new UnsupportedTokenizerError(
        `${where} type ${JSON.stringify(type)} is not supported (${SUPPORTED})`,
      );
  }
}

function template(o: JsonObject, where: string): PostProcessor {
  const specials = new Map<string, number[]>();
  for (const [name, value] of Object.entries(object(o.special_tokens, `${where}.special_tokens`))) {
    const entry = object(value, `${where}.special_tokens[${JSON.stringify(name)}]`);
    specials.set(
      name,
      array(entry.ids, `${where}.special_tokens[${JSON.stringify(name)}].ids`).map((id, i) =>
        count(id, `${where}.special_tokens[${JSON.stringify(name)}].ids[${i}]`),
      ),
    );
  }
  type Piece = { sequence: string } | { ids: number[] };
  const pieces = (key: 'single' | 'pair'): Piece[] =>
    array(o[key], `${where}.${key}`).map((p, i) => {
      const at = `${where}.${key}[${i}]`;
      const piece = object(p, at);
      if (piece.Sequence !== undefined)
        return { sequence: string(object(piece.Sequence, at).id, `${at}.Sequence.id`) };
      const name = string(object(piece.SpecialToken, `${at}.SpecialToken`).id, `${at}.SpecialToken.id`);
      const ids = specials.get(name);
      if (!ids)
        throw new MalformedTokenizerError(
          `${at} names the special token ${JSON.stringify(name)}, which special_tokens lacks`,
        );
      return { ids };
    });
  pieces('pair');
  const single = pieces('single');
  const sequences = single.flatMap((p) => ('sequence' in p ? [p.sequence] : []));
  if (sequences.length !== 1 || sequences[0] !== 'A')
    throw new MalformedTokenizerError(`${where}.single must hold the sequence $A once, and not $B`);
  const at = single.findIndex((p) => 'sequence' in p);
  const ids = (ps: Piece[]) => ps.flatMap((p) => ('ids' in p ? p.ids : []));
  return { before: ids(single.slice(0, at)), after: ids(single.slice(at + 1)) };
}
