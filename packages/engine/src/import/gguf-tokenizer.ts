import { bpeModel } from '../export/hf-files.ts';
import { TOKEN_TYPE as TOKEN } from '../export/tokenizer-export.ts';
import { CheckpointError } from './checkpoint-error.ts';
import type { GgufMetaValue } from './gguf-reader.ts';

/** Llama 3's pre-tokenizer regex (tokenizer.json's Split pattern, llama.cpp's LLAMA_VOCAB_PRE_TYPE_LLAMA3). */
const LLAMA3_SPLIT =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

const byteLevel = (useRegex: boolean) => ({
  type: 'ByteLevel',
  add_prefix_space: false,
  trim_offsets: true,
  use_regex: useRegex,
});

/** tokenizer.ggml.pre names llama.cpp gives the byte-level pre-tokenizers we implement. */
const BYTE_LEVEL_PRE: Record<string, unknown> = {
  default: byteLevel(true),
  'gpt-2': byteLevel(true),
  'llama-bpe': {
    type: 'Sequence',
    pretokenizers: [
      { type: 'Split', pattern: { Regex: LLAMA3_SPLIT }, behavior: 'Isolated', invert: false },
      byteLevel(false),
    ],
  },
  smollm: {
    type: 'Sequence',
    pretokenizers: [{ type: 'Digits', individual_digits: true }, byteLevel(true)],
  },
};

type Meta = (key: string) => GgufMetaValue | undefined;

function added(tokens: string[], types: number[]): object[] {
  const out: object[] = [];
  types.forEach((t, id) => {
    if (t === TOKEN.control || t === TOKEN.userDefined || t === TOKEN.unknown)
      out.push({
        id,
        content: tokens[id],
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: t === TOKEN.userDefined,
        special: t !== TOKEN.userDefined,
      });
  });
  return out;
}

/**
 * SentencePiece keeps scores, not merges; llama.cpp's SPM tokenizer repeatedly merges the adjacent
 * pair whose merged piece scores highest. The same merges in BPE form (transformers'
 * SentencePieceExtractor): every split of a piece into two pieces of the vocabulary, ranked by the
 * merged piece's score, then by its id (llama.cpp's converter scores every piece of a tokenizer.json
 * alike, and a trained BPE numbers its pieces in merge order), then by the ids of its halves.
 */
function spmMerges(tokens: string[], scores: number[], types: number[]): string[] {
  const ids = new Map<string, number>();
  tokens.forEach((t, id) => {
    if (types[id] === TOKEN.normal) ids.set(t, id);
  });
  const merges: { left: string; right: string; score: number; id: number; l: number; r: number }[] = [];
  for (const [piece, id] of ids) {
    const chars = [...piece];
    for (let k = 1; k < chars.length; k++) {
      const left = chars.slice(0, k).join('');
      const right = chars.slice(k).join('');
      const l = ids.get(left);
      const r = ids.get(right);
      if (l !== undefined && r !== undefined) merges.push({ left, right, score: scores[id] ?? 0, id, l, r });
    }
  }
  merges.sort((a, b) => b.score - a.score || a.id - b.id || a.l - b.l || a.r - b.r);
  return merges.map((m) => `${m.left} ${m.right}`);
}

/**
 * A tokenizer.json and tokenizer_config.json equivalent to a GGUF's tokenizer metadata, so one
 * tokenizer implementation serves both formats: `gpt2` (byte-level BPE, with the pre-tokenizer that
 * `tokenizer.ggml.pre` names) and `llama` (SentencePiece-style BPE with byte fallback).
 */
export function ggufTokenizerJson(meta: Meta, where: string): { tokenizer: object; config: object } {
  const get = (k: string) => {
    const v = meta(k);
    if (v === undefined) throw new CheckpointError(`${where}: metadata ${k} is missing`);
    return v;
  };
  const model = get('tokenizer.ggml.model');
  const tokens = get('tokenizer.ggml.tokens') as string[];
  const types = (meta('tokenizer.ggml.token_type') as number[] | undefined) ?? tokens.map(() => TOKEN.normal);
  const vocab = Object.fromEntries(tokens.map((t, id) => [t, id]));
  const tokenAt = (k: string) => {
    const id = meta(k);
    return id === undefined ? undefined : tokens[Number(id)];
  };
  const template = meta('tokenizer.chat_template');
  const config = {
    bos_token: tokenAt('tokenizer.ggml.bos_token_id'),
    eos_token: tokenAt('tokenizer.ggml.eos_token_id'),
    pad_token: tokenAt('tokenizer.ggml.padding_token_id'),
    unk_token: tokenAt('tokenizer.ggml.unknown_token_id'),
    ...(typeof template === 'string' ? { chat_template: template } : {}),
  };
  if (model === 'gpt2') {
    const pre = String(meta('tokenizer.ggml.pre') ?? 'default');
    if (!Object.hasOwn(BYTE_LEVEL_PRE, pre))
      throw new CheckpointError(
        `${where}: tokenizer.ggml.pre ${JSON.stringify(pre)} is not supported (${Object.keys(BYTE_LEVEL_PRE).join(', ')} are)`,
      );
    return {
      tokenizer: {
        version: '1.0',
        added_tokens: added(tokens, types),
        normalizer: null,
        pre_tokenizer: BYTE_LEVEL_PRE[pre],
        post_processor: null,
        decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
        model: bpeModel(vocab, get('tokenizer.ggml.merges') as string[], {
          ignoreMerges: pre === 'llama-bpe',
        }),
      },
      config,
    };
  }
  if (model === 'llama') {
    const scores = get('tokenizer.ggml.scores') as number[];
    const prefix = meta('tokenizer.ggml.add_space_prefix') !== false;
    const replace = { type: 'Replace', pattern: { String: ' ' }, content: '▁' };
    return {
      tokenizer: {
        version: '1.0',
        added_tokens: added(tokens, types),
        normalizer: prefix
          ? { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '▁' }, replace] }
          : replace,
        pre_tokenizer: null,
        post_processor: null,
        decoder: {
          type: 'Sequence',
          decoders: [
            { type: 'Replace', pattern: { String: '▁' }, content: ' ' },
            { type: 'ByteFallback' },
            { type: 'Fuse' },
            ...(prefix ? [{ type: 'Strip', content: ' ', start: 1, stop: 0 }] : []),
          ],
        },
        model: bpeModel(vocab, spmMerges(tokens, scores, types), {
          unkToken: config.unk_token ?? null,
          byteFallback: true,
        }),
      },
      config,
    };
  }
  throw new CheckpointError(
    `${where}: tokenizer.ggml.model ${JSON.stringify(model)} is not supported (gpt2 and llama are)`,
  );
}

/** The tokenizer.ggml.pre name of a tokenizer.json byte-level pre-tokenizer (the inverse of BYTE_LEVEL_PRE). */
export function preTokenizerName(pre: unknown): string {
  type Pre = {
    type?: string;
    use_regex?: boolean;
    individual_digits?: boolean;
    pattern?: { Regex?: string };
  };
  const p = pre as (Pre & { pretokenizers?: Pre[] }) | null | undefined;
  if (p?.type === 'ByteLevel' && p.use_regex !== false) return 'gpt-2';
  const [a, b, ...rest] = p?.type === 'Sequence' ? (p.pretokenizers ?? []) : [];
  if (a && b && rest.length === 0) {
    if (a.type === 'Digits' && a.individual_digits && b.type === 'ByteLevel' && b.use_regex !== false)
      return 'smollm';
    if (
      a.type === 'Split' &&
      a.pattern?.Regex === LLAMA3_SPLIT &&
      b.type === 'ByteLevel' &&
      b.use_regex === false
    )
      return 'llama-bpe';
  }
  throw new Error(`GGUF export: llama.cpp has no pre-tokenizer name for ${JSON.stringify(pre)}`);
}
