import { preTokenizerName } from '../import/gguf-tokenizer.ts';
import { BpeTokenizer } from '../tokenizer/bpe-tokenizer.ts';
import { PretrainedTokenizer } from '../tokenizer/pretrained-tokenizer.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import { hfTokenizer, hfTokenizerConfig } from './hf-files.ts';

/** llama_token_type values in tokenizer.ggml.token_type. */
export const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6 } as const;

/** A tokenizer as the exporters write it: Hugging Face files, and llama.cpp's GGUF vocabulary. */
export interface TokenizerExport {
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  bos: number | null;
  eos: number | null;
  pad: number | null;
  gguf: {
    model: 'gpt2' | 'llama';
    /** tokenizer.ggml.pre, for gpt2 */
    pre?: string;
    tokens: string[];
    types: number[];
    merges?: string[];
    /** SentencePiece piece scores, for llama */
    scores?: number[];
    addSpacePrefix?: boolean;
    chatTemplate?: string;
  };
}

function ownTokenizer(t: BpeTokenizer, maxSeqLen: number): TokenizerExport {
  const special = (s: string) => (t.specialTokens.includes(s) ? t.special(s) : null);
  const firstSpecial = t.vocabSize - t.specialTokens.length;
  return {
    tokenizerJson: hfTokenizer(t),
    tokenizerConfig: hfTokenizerConfig(t, maxSeqLen),
    bos: special('<|bos|>'),
    eos: special('<|eos|>'),
    pad: special('<|pad|>'),
    gguf: {
      model: 'gpt2',
      // Our pre-tokenizer regex is GPT-2's, which llama.cpp knows as pre-tokenizer "gpt-2".
      pre: 'gpt-2',
      tokens: t.vocab,
      types: t.vocab.map((_, id) => (id >= firstSpecial ? TOKEN_TYPE.control : TOKEN_TYPE.normal)),
      merges: t.toJSON().merges,
    },
  };
}

interface HfJson {
  added_tokens?: { id: number; content: string; special?: boolean }[];
  normalizer?: { type?: string; normalizers?: { type?: string; prepend?: string }[] } | null;
  pre_tokenizer?: { type?: string; prepend_scheme?: string; add_prefix_space?: boolean } | null;
  model: { vocab: Record<string, number>; merges?: (string | [string, string])[]; unk_token?: string | null };
}

/**
 * A checkpoint's own tokenizer: its files as they came, and for GGUF its vocabulary in llama.cpp's
 * terms. SentencePiece-style BPE goes to llama.cpp's SPM tokenizer, which merges by piece score, so
 * each piece scores minus the rank of the merge that makes it: the same merge order.
 */
function pretrainedTokenizer(t: PretrainedTokenizer, vocabSize: number): TokenizerExport {
  const { tokenizer, config } = t.hf.toJSON();
  const tj = tokenizer as HfJson;
  const tokens: string[] = [];
  for (const [s, id] of Object.entries(tj.model.vocab)) tokens[id] = s;
  const types = tokens.map(() => TOKEN_TYPE.normal as number);
  for (const a of tj.added_tokens ?? []) {
    tokens[a.id] = a.content;
    types[a.id] = a.special ? TOKEN_TYPE.control : TOKEN_TYPE.userDefined;
  }
  for (let id = 0; id < t.vocabSize; id++)
    if (tokens[id] === undefined) throw new Error(`tokenizer.json: no token has id ${id}`);
  // A model whose embedding is wider than its vocabulary: llama.cpp's converter pads it so.
  for (let id = t.vocabSize; id < vocabSize; id++) {
    tokens[id] = `[PAD${id}]`;
    types[id] = TOKEN_TYPE.unused;
  }
  const merges = (tj.model.merges ?? []).map((m) => (Array.isArray(m) ? m.join(' ') : m));
  const gguf: TokenizerExport['gguf'] = { model: 'gpt2', tokens, types, chatTemplate: t.hf.chatTemplate };
  if (t.hf.kind === 'byte-level-bpe') {
    gguf.pre = preTokenizerName(tj.pre_tokenizer);
    gguf.merges = merges;
  } else {
    gguf.model = 'llama';
    const rank = new Map(merges.map((m, r) => [m.replace(' ', ''), r]));
    gguf.scores = tokens.map((s, id) => (types[id] === TOKEN_TYPE.normal ? -(rank.get(s) ?? -1) - 1 : 0));
    tokens.forEach((s, id) => {
      if (/^<0x[0-9A-F]{2}>$/.test(s)) types[id] = TOKEN_TYPE.byte;
      if (s === tj.model.unk_token) types[id] = TOKEN_TYPE.unknown;
    });
    const prepends = tj.normalizer?.normalizers?.some((n) => n.type === 'Prepend') ?? false;
    gguf.addSpacePrefix =
      prepends || (tj.pre_tokenizer?.type === 'Metaspace' && tj.pre_tokenizer.prepend_scheme !== 'never');
  }
  return {
    tokenizerJson: tokenizer as Record<string, unknown>,
    tokenizerConfig: (config ?? {}) as Record<string, unknown>,
    bos: t.hf.bosId ?? null,
    eos: t.hf.eosId ?? null,
    pad: t.hf.padId ?? null,
    gguf,
  };
}

/** `vocabSize` and `maxSeqLen` are the model's (its embedding rows may outnumber the tokens). */
export function tokenizerExport(t: Tokenizer, vocabSize: number, maxSeqLen: number): TokenizerExport {
  if (t instanceof BpeTokenizer) return ownTokenizer(t, maxSeqLen);
  if (t instanceof PretrainedTokenizer) return pretrainedTokenizer(t, vocabSize);
  throw new Error('export: unknown tokenizer kind');
}
