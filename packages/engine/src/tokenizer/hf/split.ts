import { UnsupportedTokenizerError } from './errors.ts';

/** A piece of the text on its way to the model. */
export interface Piece {
  text: string;
  /**
   * Where the piece starts in the text given to encode. Exact while no normalizer or byte-level
   * mapping has changed lengths, which is all Metaspace's prepend_scheme "first" needs (the
   * tokenizer refuses the layouts where it would not be).
   */
  start: number;
  /** The added token the piece is, already tokenized. */
  id?: number;
}

/** [start, end, isMatch], covering the text in order, as the `tokenizers` Pattern trait yields them. */
type Segment = [number, number, boolean];

const SPLIT_BEHAVIORS = [
  'Removed',
  'Isolated',
  'MergedWithPrevious',
  'MergedWithNext',
  'Contiguous',
] as const;
export type SplitBehavior = (typeof SPLIT_BEHAVIORS)[number];

export function splitBehavior(value: unknown, where: string): SplitBehavior {
  if (!SPLIT_BEHAVIORS.includes(value as SplitBehavior))
    throw new UnsupportedTokenizerError(
      `${where} behavior ${JSON.stringify(value)} is not supported (${SPLIT_BEHAVIORS.join(', ')} are)`,
    );
  return value as SplitBehavior;
}

export function regexSegments(text: string, re: RegExp): Segment[] {
  if (!text) return [[0, 0, false]];
  const out: Segment[] = [];
  let prev = 0;
  for (const m of text.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (prev !== start) out.push([prev, start, false]);
    out.push([start, end, true]);
    prev = end;
  }
  if (prev !== text.length) out.push([prev, text.length, false]);
  return out;
}

/** The [start, end] ranges `NormalizedString::split` keeps for a behaviour. */
function ranges(segments: Segment[], behavior: SplitBehavior): [number, number][] {
  switch (behavior) {
    case 'Isolated':
      return segments.map(([s, e]) => [s, e]);
    case 'Removed':
      return segments.filter(([, , match]) => !match).map(([s, e]) => [s, e]);
    case 'Contiguous':
    case 'MergedWithPrevious': {
      const out: [number, number][] = [];
      let previous = false;
      for (const [s, e, match] of segments) {
        const merge = behavior === 'Contiguous' ? match === previous : match && !previous;
        if (merge && out.length) out[out.length - 1]![1] = e;
        else out.push([s, e]);
        previous = match;
      }
      return out;
    }
    case 'MergedWithNext': {
      const out: [number, number][] = [];
      let previous = false;
      for (let k = segments.length - 1; k >= 0; k--) {
        const [s, e, match] = segments[k]!;
        if (match && !previous && out.length) out[out.length - 1]![0] = s;
        else out.push([s, e]);
        previous = match;
      }
      return out.reverse();
    }
  }
}

/** Splits a piece; empty results are dropped, as `PreTokenizedString::split` drops them. */
export function splitPiece(piece: Piece, segments: Segment[], behavior: SplitBehavior, out: Piece[]): void {
  if (segments.length === 1) {
    // The common case, nothing to split: the piece itself (unless it is all delimiter, removed).
    if (piece.text && !(behavior === 'Removed' && segments[0]![2])) out.push(piece);
    return;
  }
  for (const [s, e] of ranges(segments, behavior)) {
    if (e > s) out.push({ text: piece.text.slice(s, e), start: piece.start + s });
  }
}
