import { BYTE_TO_UNICODE, UNICODE_TO_BYTE } from './byte-unicode.ts';

/** GPT-2's pre-tokenizer: words keep their leading space; digits, punctuation and whitespace runs split. */
const PRETOKENIZE = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export const DEFAULT_SPECIAL_TOKENS = ['<|bos|>', '<|eos|>', '<|pad|>', '<|sep|>'] as const;

export interface TokenizerJSON {
  type: 'byte-level-bpe';
  version: 1;
  /** Merged pairs in rank order, Hugging Face style ("a b", both sides in the byte-unicode alphabet). */
  merges: string[];
  /** Appended after the 256 bytes and the merges, in this order. */
  specialTokens: string[];
}

export interface TrainOptions {
  /** Final vocabulary size including the 256 bytes and the special tokens. */
  vocabSize: number;
  specialTokens?: string[];
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/**
 * Byte-level BPE. Ids 0–255 are the bytes, then one id per merge in rank order, then the special
 * tokens. Any text encodes (no unknown token) and decode(encode(x)) === x.
 */
export class BpeTokenizer {
  /** Token strings in the byte-unicode alphabet, by id. */
  readonly vocab: string[];
  readonly specialTokens: string[];
  private readonly merges: [number, number][];
  private readonly mergeRank = new Map<number, number>();
  private readonly tokenIds = new Map<string, number>();
  private readonly cache = new Map<string, number[]>();
  private readonly specialPattern: RegExp | null;

  private constructor(merges: [number, number][], specialTokens: string[]) {
    this.merges = merges;
    this.specialTokens = specialTokens;
    this.vocab = [...BYTE_TO_UNICODE];
    merges.forEach(([a, b], rank) => {
      this.mergeRank.set(pairKey(a, b), rank);
      this.vocab.push(this.vocab[a]! + this.vocab[b]!);
    });
    this.vocab.push(...specialTokens);
    for (const [id, t] of this.vocab.entries()) this.tokenIds.set(t, id);
    this.specialPattern = specialTokens.length
      ? new RegExp(`(${specialTokens.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`)
      : null;
  }

  get vocabSize(): number {
    return this.vocab.length;
  }

  /** Id of a special token such as `<|eos|>`; throws when the tokenizer lacks it. */
  special(name: string): number {
    if (!this.specialTokens.includes(name)) throw new Error(`tokenizer has no special token ${name}`);
    return this.tokenIds.get(name)!;
  }

  get bos(): number {
    return this.special('<|bos|>');
  }
  get eos(): number {
    return this.special('<|eos|>');
  }
  get pad(): number {
    return this.special('<|pad|>');
  }
  get sep(): number {
    return this.special('<|sep|>');
  }

  /** Learns merges from `texts` until the vocabulary reaches `vocabSize`. */
  static train(texts: Iterable<string>, options: TrainOptions): BpeTokenizer {
    const specials = options.specialTokens ?? [...DEFAULT_SPECIAL_TOKENS];
    const target = options.vocabSize - 256 - specials.length;
    if (!Number.isInteger(options.vocabSize) || target < 0) {
      throw new Error(
        `tokenizer: vocabSize must be an integer ≥ ${256 + specials.length}, got ${options.vocabSize}`,
      );
    }
    const wordCounts = new Map<string, number>();
    for (const text of texts) {
      for (const m of text.matchAll(PRETOKENIZE)) wordCounts.set(m[0], (wordCounts.get(m[0]) ?? 0) + 1);
    }
    const words: number[][] = [];
    const counts: number[] = [];
    for (const [w, c] of wordCounts) {
      words.push(Array.from(textEncoder.encode(w)));
      counts.push(c);
    }
    const merges: [number, number][] = [];
    for (let next = 256; merges.length < target; next++) {
      const pairCounts = new Map<number, number>();
      for (let w = 0; w < words.length; w++) {
        const s = words[w]!;
        for (let i = 0; i + 1 < s.length; i++) {
          const k = pairKey(s[i]!, s[i + 1]!);
          pairCounts.set(k, (pairCounts.get(k) ?? 0) + counts[w]!);
        }
      }
      let best = -1;
      let bestCount = 0;
      for (const [k, c] of pairCounts)
        if (c > bestCount || (c === bestCount && best >= 0 && k < best)) [best, bestCount] = [k, c];
      if (best < 0) break;
      const a = Math.floor(best / 65536);
      const b = best % 65536;
      merges.push([a, b]);
      for (let w = 0; w < words.length; w++) words[w] = mergePair(words[w]!, a, b, next);
    }
    return new BpeTokenizer(merges, specials);
  }

  /** Encodes text; special-token strings in it become their ids unless `allowSpecial` is false. */
  encode(text: string, allowSpecial = true): number[] {
    const ids: number[] = [];
    const parts = allowSpecial && this.specialPattern ? text.split(this.specialPattern) : [text];
    for (const part of parts) {
      if (!part) continue;
      const special = allowSpecial ? this.tokenIds.get(part) : undefined;
      if (special !== undefined && this.specialTokens.includes(part)) {
        ids.push(special);
        continue;
      }
      for (const m of part.matchAll(PRETOKENIZE)) ids.push(...this.encodeWord(m[0]));
    }
    return ids;
  }

  private encodeWord(word: string): number[] {
    const hit = this.cache.get(word);
    if (hit) return hit;
    let s = Array.from(textEncoder.encode(word));
    for (;;) {
      let bestRank = Number.POSITIVE_INFINITY;
      let bestIndex = -1;
      for (let i = 0; i + 1 < s.length; i++) {
        const r = this.mergeRank.get(pairKey(s[i]!, s[i + 1]!));
        if (r !== undefined && r < bestRank) [bestRank, bestIndex] = [r, i];
      }
      if (bestIndex < 0) break;
      const [a, b] = this.merges[bestRank]!;
      s = mergePair(s, a, b, 256 + bestRank);
    }
    if (this.cache.size < 100_000) this.cache.set(word, s);
    return s;
  }

  /** Decodes ids to text; special tokens are dropped unless `keepSpecial`. */
  decode(ids: readonly number[], keepSpecial = false): string {
    let out = '';
    let bytes: number[] = [];
    const flush = () => {
      out += textDecoder.decode(Uint8Array.from(bytes));
      bytes = [];
    };
    const firstSpecial = 256 + this.merges.length;
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 0 || id >= this.vocab.length)
        throw new Error(`tokenizer: unknown token id ${id}`);
      if (id >= firstSpecial) {
        flush();
        if (keepSpecial) out += this.vocab[id];
        continue;
      }
      for (const ch of this.vocab[id]!) bytes.push(UNICODE_TO_BYTE.get(ch)!);
    }
    flush();
    return out;
  }

  toJSON(): TokenizerJSON {
    return {
      type: 'byte-level-bpe',
      version: 1,
      merges: this.merges.map(([a, b]) => `${this.vocab[a]} ${this.vocab[b]}`),
      specialTokens: [...this.specialTokens],
    };
  }

  static fromJSON(json: TokenizerJSON): BpeTokenizer {
    if (json?.type !== 'byte-level-bpe' || json.version !== 1)
      throw new Error('tokenizer: not a byte-level-bpe v1 tokenizer JSON');
    const ids = new Map<string, number>(BYTE_TO_UNICODE.map((ch, i) => [ch, i]));
    const merges: [number, number][] = json.merges.map((line, rank) => {
      const [a, b] = line.split(' ');
      const ia = ids.get(a ?? '');
      const ib = ids.get(b ?? '');
      if (ia === undefined || ib === undefined)
        throw new Error(`tokenizer: merge ${rank} ('${line}') refers to an unknown token`);
      ids.set(a! + b!, 256 + rank);
      return [ia, ib];
    });
    return new BpeTokenizer(merges, json.specialTokens);
  }
}

function pairKey(a: number, b: number): number {
  return a * 65536 + b;
}

function mergePair(s: number[], a: number, b: number, merged: number): number[] {
  let i = s.indexOf(a);
  if (i < 0 || i + 1 >= s.length) return s;
  const out: number[] = s.slice(0, i);
  for (; i < s.length; i++) {
    if (s[i] === a && s[i + 1] === b) {
      out.push(merged);
      i++;
    } else out.push(s[i]!);
  }
  return out;
}
