import { BYTE_TO_UNICODE } from '../byte-unicode.ts';
import { UnsupportedTokenizerError } from './errors.ts';
import { array, char, flag, type JsonObject, object, typeOf } from './json-fields.ts';
import { pattern } from './normalizers.ts';
import { onigRegExp } from './onig-regex.ts';
import { type Piece, regexSegments, splitBehavior, splitPiece } from './split.ts';

/** Splits (and maps) one piece that is not an added token, appending the results to `out`. */
type Step = (piece: Piece, out: Piece[]) => void;

export interface PreTokenizer {
  run(pieces: Piece[]): Piece[];
  /** Which families it belongs to, for the tokenizer's kind. */
  byteLevel: boolean;
  metaspace: boolean;
}

/** GPT-2's split, which the ByteLevel pre-tokenizer applies when use_regex is set. */
const GPT2_PATTERN = String.raw`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`;
/** Rust's `char::is_numeric` (the N categories), one character a match as digits.rs's char pattern has it. */
const NUMERIC = /\p{N}/gu;
const SUPPORTED = 'Sequence, ByteLevel, Split, Digits and Metaspace are';

/**
 * The tokenizer.json `pre_tokenizer` (null when there is none). `lengthsChanged` says whether a
 * normalizer runs first: Metaspace's prepend_scheme "first" then needs offsets this port does not
 * track, so that layout is refused.
 */
export function buildPreTokenizer(json: unknown, lengthsChanged: boolean): PreTokenizer | null {
  if (json === null || json === undefined) return null;
  const state = { lengthsChanged, byteLevel: false, metaspace: false };
  const steps = build(json, 'tokenizer.json: pre_tokenizer', state);
  return {
    byteLevel: state.byteLevel,
    metaspace: state.metaspace,
    run(pieces) {
      for (const step of steps) {
        const next: Piece[] = [];
        for (const piece of pieces) {
          if (piece.id === undefined) step(piece, next);
          else next.push(piece);
        }
        pieces = next;
      }
      return pieces;
    },
  };
}

interface BuildState {
  lengthsChanged: boolean;
  byteLevel: boolean;
  metaspace: boolean;
}

function build(json: unknown, where: string, state: BuildState): Step[] {
  const o = object(json, where);
  const type = typeOf(o, where);
  switch (type) {
    case 'Sequence':
      return array(o.pretokenizers, `${where}.pretokenizers`).flatMap((p, i) =>
        build(p, `${where}.pretokenizers[${i}]`, state),
      );
    case 'ByteLevel':
      state.byteLevel = true;
      state.lengthsChanged = true;
      return [byteLevel(o, where)];
    case 'Split':
      return [split(o, where)];
    case 'Digits': {
      const behavior = flag(o, 'individual_digits', false, where) ? 'Isolated' : 'Contiguous';
      return [(piece, out) => splitPiece(piece, regexSegments(piece.text, NUMERIC), behavior, out)];
    }
    case 'Metaspace': {
      const step = metaspace(o, where, state.lengthsChanged);
      state.metaspace = true;
      state.lengthsChanged = true;
      return [step];
    }
    default:
      throw new UnsupportedTokenizerError(
        `${where} type ${JSON.stringify(type)} is not supported (${SUPPORTED})`,
      );
  }
}

function byteLevel(o: JsonObject, where: string): Step {
  const addPrefixSpace = flag(o, 'add_prefix_space', true, where);
  const re = flag(o, 'use_regex', true, where) ? onigRegExp(GPT2_PATTERN, where) : null;
  return (piece, out) => {
    // NormalizedString::prepend leaves an empty string empty.
    const text = addPrefixSpace && piece.text && !piece.text.startsWith(' ') ? ` ${piece.text}` : piece.text;
    const parts: Piece[] = [];
    if (re) splitPiece({ text, start: piece.start }, regexSegments(text, re), 'Isolated', parts);
    else if (text) parts.push({ text, start: piece.start });
    for (const p of parts) out.push({ text: toByteLevel(p.text), start: p.start });
  };
}

function split(o: JsonObject, where: string): Step {
  const re = pattern(o, where);
  const behavior = splitBehavior(o.behavior, where);
  const invert = flag(o, 'invert', false, where);
  return (piece, out) => {
    const segments = regexSegments(piece.text, re);
    if (invert) for (const s of segments) s[2] = !s[2];
    splitPiece(piece, segments, behavior, out);
  };
}

function metaspace(o: JsonObject, where: string, lengthsChanged: boolean): Step {
  const replacement = char(o.replacement, `${where}.replacement`);
  const scheme = metaspaceScheme(o, where);
  if (scheme === 'first' && lengthsChanged)
    throw new UnsupportedTokenizerError(
      `${where} Metaspace with prepend_scheme "first" after a normalizer or a length-changing pre-tokenizer is not supported`,
    );
  const splitOn = new RegExp(replacement.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'), 'gu');
  const splits = flag(o, 'split', true, where);
  return (piece, out) => {
    let text = piece.text.replaceAll(' ', replacement);
    const prepend = scheme === 'always' || (scheme === 'first' && piece.start === 0);
    if (prepend && text && !text.startsWith(replacement)) text = replacement + text;
    const p = { text, start: piece.start };
    if (splits) splitPiece(p, regexSegments(text, splitOn), 'MergedWithNext', out);
    else if (text) out.push(p);
  };
}

export type PrependScheme = 'first' | 'always' | 'never';

/** Metaspace's prepend scheme, as `tokenizers` reads it (the legacy add_prefix_space included). */
export function metaspaceScheme(o: JsonObject, where: string): PrependScheme {
  const scheme = o.prepend_scheme ?? 'always';
  if (scheme !== 'first' && scheme !== 'always' && scheme !== 'never')
    throw new UnsupportedTokenizerError(
      `${where} prepend_scheme ${JSON.stringify(scheme)} is not supported (first, always and never are)`,
    );
  if (o.add_prefix_space === false && scheme !== 'never')
    throw new UnsupportedTokenizerError(
      `${where} add_prefix_space false with prepend_scheme ${JSON.stringify(scheme)} is contradictory (tokenizers refuses it too)`,
    );
  return scheme;
}

/** GPT-2's byte-level alphabet: each UTF-8 byte of `text` as its visible stand-in character. */
export function toByteLevel(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      out += BYTE_TO_UNICODE[cp];
      continue;
    }
    if (cp >= 0xd800 && cp < 0xe000) {
      const low = text.charCodeAt(i + 1);
      if (cp < 0xdc00 && low >= 0xdc00 && low < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else cp = 0xfffd; // a lone surrogate, encoded as TextEncoder would
    }
    if (cp < 0x800) out += BYTE_TO_UNICODE[0xc0 | (cp >> 6)]! + BYTE_TO_UNICODE[0x80 | (cp & 63)]!;
    else if (cp < 0x10000)
      out +=
        BYTE_TO_UNICODE[0xe0 | (cp >> 12)]! +
        BYTE_TO_UNICODE[0x80 | ((cp >> 6) & 63)]! +
        BYTE_TO_UNICODE[0x80 | (cp & 63)]!;
    else
      out +=
        BYTE_TO_UNICODE[0xf0 | (cp >> 18)]! +
        BYTE_TO_UNICODE[0x80 | ((cp >> 12) & 63)]! +
        BYTE_TO_UNICODE[0x80 | ((cp >> 6) & 63)]! +
        BYTE_TO_UNICODE[0x80 | (cp & 63)]!;
  }
  return out;
}
