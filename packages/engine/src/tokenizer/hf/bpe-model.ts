import { MalformedTokenizerError, UnsupportedTokenizerError } from './errors.ts';
import { array, count, flag, type JsonObject, object, string } from './json-fields.ts';
import { MergeQueue } from './merge-queue.ts';

/** Ids and ranks are packed two to a double (each below 2^21, so the product stays exact). */
const PACK = 2 ** 21;
/** Words this long or longer are not cached, as `tokenizers` (MAX_LENGTH) does not cache them. */
const CACHE_MAX_WORD = 256;
const CACHE_MAX_ENTRIES = 100_000;

const textEncoder = new TextEncoder();

/** A `tokenizers` BPE model: vocab, ranked merges, byte fallback, unk and ignore_merges, as model.rs runs them. */
export class BpeModel {
  /** Token → id, model.vocab only. */
  readonly vocab: Map<string, number>;
  /** Id → token. */
  readonly tokens: Map<number, string>;
  readonly unkToken: string | null;
  readonly byteFallback: boolean;
  private readonly fuseUnk: boolean;
  private readonly ignoreMerges: boolean;
  /** Pair key (a · stride + b) → rank · PACK + merged id. */
  private readonly merges = new Map<number, number>();
  private readonly stride: number;
  /** The ids of `<0x00>`…`<0xFF>`, where the vocabulary has them. */
  private readonly byteIds: (number | undefined)[];
  private readonly cache = new Map<string, number[]>();

  constructor(json: unknown) {
    const model = object(json, 'tokenizer.json: model');
    const type = model.type ?? 'BPE';
    if (type !== 'BPE')
      throw new UnsupportedTokenizerError(
        `tokenizer.json: model type ${JSON.stringify(type)} is not supported (byte-level BPE and SentencePiece-style BPE are)`,
      );
    this.vocab = readVocab(model);
    this.tokens = new Map();
    for (const [token, id] of this.vocab) {
      const other = this.tokens.get(id);
      if (other !== undefined)
        throw new MalformedTokenizerError(
          `tokenizer.json: model.vocab gives id ${id} to both ${JSON.stringify(other)} and ${JSON.stringify(token)}`,
        );
      this.tokens.set(id, token);
    }
    this.stride = maxId(this.tokens.keys()) + 1;
    if (this.stride > PACK)
      throw new UnsupportedTokenizerError(
        `tokenizer.json: model.vocab ids up to ${this.stride - 1} are not supported`,
      );
    rejectUnsupported(model);
    this.unkToken =
      model.unk_token === null || model.unk_token === undefined
        ? null
        : string(model.unk_token, 'tokenizer.json: model.unk_token');
    this.byteFallback = flag(model, 'byte_fallback', false, 'tokenizer.json: model');
    this.fuseUnk = flag(model, 'fuse_unk', false, 'tokenizer.json: model');
    this.ignoreMerges = flag(model, 'ignore_merges', false, 'tokenizer.json: model');
    this.byteIds = Array.from({ length: 256 }, (_, b) =>
      this.vocab.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`),
    );
    readMerges(model).forEach(([a, b], rank) => {
      const ia = this.vocab.get(a);
      const ib = this.vocab.get(b);
      const merged = this.vocab.get(a + b);
      const missing = ia === undefined ? a : ib === undefined ? b : merged === undefined ? a + b : null;
      if (missing !== null)
        throw new MalformedTokenizerError(
          `tokenizer.json: model.merges[${rank}] (${JSON.stringify(`${a} ${b}`)}) needs ${JSON.stringify(missing)}, which is not in model.vocab`,
        );
      // A later duplicate of a pair wins, as it does in the Rust HashMap.
      this.merges.set(ia! * this.stride + ib!, rank * PACK + merged!);
    });
    if (this.merges.size >= PACK)
      throw new UnsupportedTokenizerError('tokenizer.json: over 2^21 merges are not supported');
  }

  /** model.vocab's entry count: where `tokenizers` starts numbering added tokens it lacks. */
  get size(): number {
    return this.vocab.size;
  }

  /** The ids of one pre-tokenized word (cached; the result must not be modified). */
  tokenize(word: string): number[] {
    if (!word) return [];
    if (this.ignoreMerges) {
      const id = this.vocab.get(word);
      if (id !== undefined) return [id];
    }
    const hit = this.cache.get(word);
    if (hit) return hit;
    const ids = this.mergeAll(this.symbols(word));
    if (word.length < CACHE_MAX_WORD && this.cache.size < CACHE_MAX_ENTRIES) this.cache.set(word, ids);
    return ids;
  }

  /** One id per character, byte tokens for characters outside the vocabulary, or unk (fused if fuse_unk). */
  private symbols(word: string): number[] {
    const ids: number[] = [];
    let unkPending = false;
    for (const ch of word) {
      const id = this.vocab.get(ch);
      if (id !== undefined) {
        if (unkPending) ids.push(this.unkId());
        unkPending = false;
        ids.push(id);
        continue;
      }
      if (this.byteFallback) {
        const bytes = [...textEncoder.encode(ch)].map((b) => this.byteIds[b]);
        // As model.rs does, a pending unk is not flushed before the byte tokens.
        if (bytes.every((b) => b !== undefined)) {
          ids.push(...(bytes as number[]));
          continue;
        }
      }
      if (this.unkToken === null) continue; // tokenizers drops the character
      if (unkPending && !this.fuseUnk) ids.push(this.unkId());
      unkPending = true;
    }
    if (unkPending) ids.push(this.unkId());
    return ids;
  }

  private unkId(): number {
    const id = this.vocab.get(this.unkToken!);
    if (id === undefined)
      throw new MalformedTokenizerError(
        `tokenizer.json: model.unk_token ${JSON.stringify(this.unkToken)} is not in model.vocab`,
      );
    return id;
  }

  /**
   * word.rs's merge_all: a queue of candidate merges by (rank, position); an entry is stale, and
   * skipped, when its left symbol is gone or the pair there no longer merges into the same id.
   */
  private mergeAll(ids: number[]): number[] {
    const n = ids.length;
    if (n < 2) return ids;
    const c = Int32Array.from(ids);
    const prev = new Int32Array(n);
    const next = new Int32Array(n);
    const removed = new Uint8Array(n);
    const queue = new MergeQueue();
    for (let i = 0; i < n; i++) {
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
      if (i + 1 < n) this.offer(queue, c[i]!, c[i + 1]!, i);
    }
    while (queue.size > 0) {
      const { pos, id } = queue.pop();
      if (removed[pos] || next[pos] === -1) continue;
      const right = next[pos]!;
      const m = this.merges.get(c[pos]! * this.stride + c[right]!);
      if (m === undefined || m % PACK !== id) continue;
      c[pos] = id;
      removed[right] = 1;
      next[pos] = next[right]!;
      if (next[pos] !== -1) prev[next[pos]!] = pos;
      if (prev[pos]! >= 0) this.offer(queue, c[prev[pos]!]!, id, prev[pos]!);
      if (next[pos] !== -1) this.offer(queue, id, c[next[pos]!]!, pos);
    }
    const out: number[] = [];
    for (let i = 0; i !== -1; i = next[i]!) out.push(c[i]!);
    return out;
  }

  private offer(queue: MergeQueue, a: number, b: number, pos: number): void {
    const m = this.merges.get(a * this.stride + b);
    if (m !== undefined) queue.push(Math.floor(m / PACK), pos, m % PACK);
  }
}

/** The largest id, or -1 for none (a loop: spreading Llama 3's 128,000 ids into Math.max overflows the call). */
export function maxId(ids: Iterable<number>): number {
  let max = -1;
  for (const id of ids) if (id > max) max = id;
  return max;
}

function readVocab(model: JsonObject): Map<string, number> {
  if (model.vocab === undefined || model.vocab === null)
    throw new MalformedTokenizerError('tokenizer.json: model.vocab is missing');
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(object(model.vocab, 'tokenizer.json: model.vocab')))
    vocab.set(token, count(id, `tokenizer.json: model.vocab[${JSON.stringify(token)}]`));
  return vocab;
}

/** Merges as "a b" lines (split on the one space) or [a, b] pairs. */
function readMerges(model: JsonObject): [string, string][] {
  if (model.merges === undefined || model.merges === null)
    throw new MalformedTokenizerError('tokenizer.json: model.merges is missing');
  return array(model.merges, 'tokenizer.json: model.merges').map((m, i) => {
    const parts = typeof m === 'string' ? m.split(' ') : m;
    if (!Array.isArray(parts) || parts.length !== 2 || parts.some((p) => typeof p !== 'string'))
      throw new MalformedTokenizerError(
        `tokenizer.json: model.merges[${i}] (${JSON.stringify(m)}) is not a pair of tokens`,
      );
    return parts as [string, string];
  });
}

function rejectUnsupported(model: JsonObject): void {
  const dropout = model.dropout;
  if (dropout !== null && dropout !== undefined && dropout !== 0)
    throw new UnsupportedTokenizerError(
      `tokenizer.json: model.dropout ${JSON.stringify(dropout)} is not supported (encoding would be random)`,
    );
  for (const key of ['continuing_subword_prefix', 'end_of_word_suffix']) {
    const value = model[key];
    if (value !== null && value !== undefined && value !== '')
      throw new UnsupportedTokenizerError(
        `tokenizer.json: model.${key} ${JSON.stringify(value)} is not supported (byte-level BPE and SentencePiece-style BPE have none)`,
      );
  }
}
