import type { BpeModel } from './bpe-model.ts';
import { MalformedTokenizerError } from './errors.ts';
import { array, count, type JsonObject, object, string } from './json-fields.ts';
import type { Normalize } from './normalizers.ts';
import type { Piece } from './split.ts';

export interface AddedToken {
  content: string;
  singleWord: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

/** Rust regex's Unicode `\w` and `\s`, which added_vocabulary.rs tests single_word and strips with. */
const WORD_CHAR = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u;
const SPACE_CHAR = /\p{White_Space}/u;

/** Finds added tokens in text: leftmost, longest first, never overlapping (Aho-Corasick's LeftmostLongest). */
interface Matcher {
  re: RegExp;
  ids: Map<string, number>;
}

/**
 * added_vocabulary.rs: the added tokens and their ids, split out of the text before the model
 * runs. Tokens with normalized false are found in the raw text, the others in each normalized
 * piece (by their normalized form).
 */
export class AddedVocabulary {
  private readonly idsByContent = new Map<string, number>();
  private readonly tokensById = new Map<number, AddedToken>();
  /** The normalized form of normalized tokens it differs for: what decoding hands the decoder. */
  private readonly normalizedForms = new Map<number, string>();
  private readonly specialContents = new Set<string>();
  private readonly raw: Matcher | null;
  private readonly normalized: Matcher | null;

  constructor(json: unknown, model: BpeModel, normalizer: Normalize | null) {
    // As add_tokens numbers them: a token already in model.vocab keeps its id there, the rest
    // count up from model.vocab's size (the ids in the file are not read, only checked by tokenizers).
    let nextId = model.size;
    array(json ?? [], 'tokenizer.json: added_tokens').forEach((entry, i) => {
      const token = readAddedToken(object(entry, `tokenizer.json: added_tokens[${i}]`), i);
      if (!token.content) return;
      const known = this.idsByContent.get(token.content);
      if (known !== undefined && sameToken(this.tokensById.get(known), token)) return;
      const id = known ?? model.vocab.get(token.content) ?? nextId++;
      if (token.normalized && normalizer) {
        const form = normalizer(token.content);
        if (form !== token.content) this.normalizedForms.set(id, form);
      }
      this.idsByContent.set(token.content, id);
      if (token.special) this.specialContents.add(token.content);
      this.tokensById.set(id, token);
    });
    const raw: [string, number][] = [];
    const normalized: [string, number][] = [];
    for (const [id, token] of this.tokensById) {
      if (token.normalized) normalized.push([this.normalizedForms.get(id) ?? token.content, id]);
      else raw.push([token.content, id]);
    }
    this.raw = matcher(raw);
    this.normalized = matcher(normalized);
  }

  get ids(): Iterable<number> {
    return this.tokensById.keys();
  }

  token(id: number): AddedToken | undefined {
    return this.tokensById.get(id);
  }

  idOf(content: string): number | undefined {
    return this.idsByContent.get(content);
  }

  /** The string decoding uses for an added token (its normalized form when it has one). */
  decodeForm(id: number): string | undefined {
    return this.normalizedForms.get(id) ?? this.tokensById.get(id)?.content;
  }

  isSpecial(content: string): boolean {
    return this.specialContents.has(content);
  }

  /** extract_and_normalize: added tokens split out, the rest normalized. */
  split(text: string, normalizer: Normalize | null): Piece[] {
    const out: Piece[] = [];
    for (const piece of this.find(text, 0, this.raw)) {
      if (piece.id !== undefined) {
        out.push(piece);
        continue;
      }
      const normalized = normalizer ? normalizer(piece.text) : piece.text;
      out.push(...this.find(normalized, piece.start, this.normalized));
    }
    return out;
  }

  /** find_matches, with the single_word, lstrip and rstrip rules; empty pieces dropped. */
  private find(sentence: string, start: number, m: Matcher | null): Piece[] {
    if (!m) return sentence ? [{ text: sentence, start }] : [];
    const out: Piece[] = [];
    const push = (s: number, e: number, id?: number) => {
      if (e > s)
        out.push({ text: sentence.slice(s, e), start: start + s, ...(id === undefined ? {} : { id }) });
    };
    let offset = 0;
    for (const match of sentence.matchAll(m.re)) {
      let s = match.index;
      let e = s + match[0].length;
      const id = m.ids.get(match[0])!;
      const token = this.tokensById.get(id)!;
      if (token.singleWord) {
        const wordBefore = s > 0 && WORD_CHAR.test(lastChar(sentence, s));
        const wordAfter = e < sentence.length && WORD_CHAR.test(firstChar(sentence, e));
        if (wordBefore || wordAfter) continue;
      }
      if (token.lstrip) {
        let k = s;
        while (k > 0 && SPACE_CHAR.test(sentence[k - 1]!)) k--;
        s = Math.max(k, offset);
      }
      if (token.rstrip) while (e < sentence.length && SPACE_CHAR.test(sentence[e]!)) e++;
      if (offset < s) push(offset, s);
      push(s, e, id);
      offset = e;
    }
    if (offset !== sentence.length) push(offset, sentence.length);
    return out;
  }
}

function readAddedToken(o: JsonObject, i: number): AddedToken {
  const where = `tokenizer.json: added_tokens[${i}]`;
  count(o.id, `${where}.id`);
  const bool = (key: string): boolean => {
    if (typeof o[key] !== 'boolean') throw new MalformedTokenizerError(`${where}.${key} must be a boolean`);
    return o[key];
  };
  return {
    content: string(o.content, `${where}.content`),
    singleWord: bool('single_word'),
    lstrip: bool('lstrip'),
    rstrip: bool('rstrip'),
    normalized: bool('normalized'),
    special: bool('special'),
  };
}

function sameToken(a: AddedToken | undefined, b: AddedToken): boolean {
  return (
    a !== undefined &&
    a.content === b.content &&
    a.singleWord === b.singleWord &&
    a.lstrip === b.lstrip &&
    a.rstrip === b.rstrip &&
    a.normalized === b.normalized &&
    a.special === b.special
  );
}

function matcher(patterns: [string, number][]): Matcher | null {
  const usable = patterns.filter(([p]) => p);
  if (!usable.length) return null;
  const ids = new Map<string, number>();
  for (const [p, id] of usable) if (!ids.has(p)) ids.set(p, id);
  // JavaScript alternation takes the first alternative that matches: longest first makes it leftmost-longest.
  const alternatives = [...ids.keys()].sort((a, b) => b.length - a.length);
  return {
    re: new RegExp(alternatives.map((p) => p.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('|'), 'g'),
    ids,
  };
}

function lastChar(s: string, end: number): string {
  const c = s.codePointAt(end - 1)!;
  return c >= 0xdc00 && c < 0xe000 && end >= 2
    ? String.fromCodePoint(s.codePointAt(end - 2)!)
    : String.fromCodePoint(c);
}

function firstChar(s: string, start: number): string {
  return String.fromCodePoint(s.codePointAt(start)!);
}
