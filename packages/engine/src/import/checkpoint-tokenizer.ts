import { BpeTokenizer } from '../tokenizer/bpe-tokenizer.ts';
import { HfTokenizer } from '../tokenizer/hf/index.ts';
import { PretrainedTokenizer } from '../tokenizer/pretrained-tokenizer.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import { CheckpointError } from './checkpoint-error.ts';

/**
 * The engine's own BPE when the vocabulary is laid out as Distillery writes it (256 bytes, the merges
 * in rank order, then the specials, GPT-2's pre-tokenizer), so a model exported here comes back with
 * its `<|sep|>` and encodes exactly as it was trained; undefined for anything else.
 */
function distilleryTokenizer(
  tokens: readonly string[],
  merges: string[],
  specials: string[],
): BpeTokenizer | undefined {
  if (tokens.length !== 256 + merges.length + specials.length) return undefined;
  try {
    const tok = BpeTokenizer.fromJSON({
      type: 'byte-level-bpe',
      version: 1,
      merges,
      specialTokens: specials,
    });
    return tok.vocab.every((t, i) => t === tokens[i]) ? tok : undefined;
  } catch {
    return undefined;
  }
}

interface TokenizerJson {
  added_tokens?: { id: number; content: string; special?: boolean }[];
  pre_tokenizer?: { type?: string; use_regex?: boolean } | null;
  normalizer?: unknown;
  model?: { type?: string; vocab?: Record<string, number>; merges?: (string | [string, string])[] };
}

/** The tokenizer of a Hugging Face folder (tokenizer.json, tokenizer_config.json), or a CheckpointError naming what is not supported. */
export function checkpointTokenizer(json: unknown, config: unknown, where: string): Tokenizer {
  const tj = json as TokenizerJson;
  if (
    tj?.model?.type === 'BPE' &&
    tj.model.vocab &&
    tj.pre_tokenizer?.type === 'ByteLevel' &&
    !tj.normalizer
  ) {
    const tokens: string[] = [];
    for (const [t, id] of Object.entries(tj.model.vocab)) tokens[id] = t;
    const added = [...(tj.added_tokens ?? [])].sort((a, b) => a.id - b.id);
    for (const a of added) tokens[a.id] = a.content;
    const merges = (tj.model.merges ?? []).map((m) => (Array.isArray(m) ? m.join(' ') : m));
    const own = distilleryTokenizer(
      tokens,
      merges,
      added.map((a) => a.content),
    );
    if (own) return own;
  }
  try {
    return new PretrainedTokenizer(HfTokenizer.fromJSON(json, config), where);
  } catch (err) {
    // Unsupported or malformed, the tokenizer files are the input's fault.
    throw new CheckpointError(`${where}: ${(err as Error).message}`);
  }
}
